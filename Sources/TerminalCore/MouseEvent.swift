/// A mouse action at a cell, as reported by the backend when mouse reporting is on.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable {
        case press, release, wheelUp, wheelDown
    }

    /// Column of the cell, from 0.
    public var x: Int
    /// Row of the cell, from 0.
    public var y: Int
    public var kind: Kind
    /// 1 left, 2 middle, 3 right; 4 and 5 for wheel up and down.
    public var button: Int

    public init(x: Int, y: Int, kind: Kind, button: Int = 1) {
        self.x = x
        self.y = y
        self.kind = kind
        self.button = button
    }
}
