/// A growable array of plain values in memory the owner frees (`deallocate()`), for the tape:
/// its tokens are appended once and then read many times by every field lookup, and a Swift
/// array there cost a uniqueness check on each append and a reference count on each read.
public struct TapeBuffer<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    public private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    mutating func append(_ element: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Appends `elements`, which must not lie inside this buffer.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(to: max(capacity * 2, count + elements.count)) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    @inlinable public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "tape index out of range")
        return base[index]
    }

    mutating func set(_ index: Int, _ update: (inout Element) -> Void) {
        precondition(index >= 0 && index < count, "tape index out of range")
        update(&base[index])
    }

    func deallocate() { base.deallocate() }

    /// Room for `capacity` elements from the start, for a writer that fills them in place (the
    /// C tape reader): what was held is dropped; `setCount` then says how many were written.
    mutating func clear(reservingCapacity newCapacity: Int) {
        count = 0
        guard newCapacity > capacity else { return }
        base.deallocate()
        capacity = newCapacity
        base = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    }

    /// The elements' memory and how many fit (see `clear(reservingCapacity:)`).
    var storage: (base: UnsafeMutablePointer<Element>, capacity: Int) { (base, capacity) }

    /// How many elements an in-place writer wrote (at most the capacity).
    mutating func setCount(_ written: Int) {
        precondition(written >= 0 && written <= capacity, "tape count out of range")
        count = written
    }

    private mutating func grow(to newCapacity: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
