import Testing

@testable import TerminalCore

@Suite struct RectTests {
    @Test func sizesAreNeverNegative() {
        #expect(Rect(x: 1, y: 2, width: -5, height: -1) == Rect(x: 1, y: 2, width: 0, height: 0))
        #expect(Size(width: -1, height: 3) == Size(width: 0, height: 3))
        #expect(Rect(x: 0, y: 0, width: 4, height: 4).inset(by: 3).size == .zero)
    }

    @Test func insetShrinksEachSide() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(rect.inset(top: 1, left: 2) == Rect(x: 2, y: 1, width: 8, height: 4))
        #expect(rect.inset(by: -1) == Rect(x: -1, y: -1, width: 12, height: 7))
        #expect(rect.inset(left: 20) == Rect(x: 10, y: 0, width: 0, height: 5))
    }

    @Test func clampToBounds() {
        let bounds = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(
            Rect(x: -2, y: 3, width: 5, height: 5).clamped(to: bounds)
                == Rect(x: 0, y: 3, width: 3, height: 2))
        #expect(Rect(x: 20, y: 20, width: 5, height: 5).clamped(to: bounds).isEmpty)
        #expect(
            Rect(x: 2, y: 1, width: 3, height: 2).clamped(to: bounds) == Rect(x: 2, y: 1, width: 3, height: 2)
        )
    }

    @Test func splitByCount() {
        let rect = Rect(x: 1, y: 2, width: 10, height: 7)
        #expect(
            rect.splitHorizontally(count: 3) == [
                Rect(x: 1, y: 2, width: 4, height: 7), Rect(x: 5, y: 2, width: 3, height: 7),
                Rect(x: 8, y: 2, width: 3, height: 7),
            ])
        #expect(rect.splitVertically(count: 2).map(\.height) == [4, 3])
        #expect(rect.splitVertically(count: 2).map(\.y) == [2, 6])
        #expect(rect.splitHorizontally(count: 0) == [])
        #expect(Rect.zero.splitHorizontally(count: 3).map(\.width) == [0, 0, 0])
    }

    @Test func splitByWeightsAddsUp() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.splitHorizontally(weights: [1, 2, 1]).map(\.width) == [20, 40, 20])
        #expect(rect.splitHorizontally(weights: [1, 1, 1]).map(\.width) == [27, 27, 26])
        #expect(rect.splitHorizontally(weights: [0, 0]).map(\.width) == [40, 40])
        #expect(rect.splitHorizontally(weights: [-3, 1]).map(\.width) == [0, 80])
        for width in 0..<40 {
            for weights in [[1], [1, 2], [3, 1, 1], [5, 0, 2, 7]] {
                let parts = Rect(x: 0, y: 0, width: width, height: 1).splitHorizontally(weights: weights)
                #expect(parts.map(\.width).reduce(0, +) == width)
                #expect(parts.allSatisfy { $0.width >= 0 })
            }
        }
    }

    @Test func splitByFractionAndFixedSize() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 10)
        let (left, right) = rect.splitHorizontally(fraction: 0.3)
        #expect(left == Rect(x: 0, y: 0, width: 3, height: 10))
        #expect(right == Rect(x: 3, y: 0, width: 7, height: 10))
        #expect(rect.splitHorizontally(fraction: 2).left.width == 10)
        #expect(rect.splitHorizontally(fraction: .nan).left.width == 0)
        let (top, bottom) = rect.splitVertically(topHeight: 12)
        #expect(top.height == 10 && bottom.height == 0 && bottom.y == 10)
        #expect(rect.splitVertically(fraction: 0.5).bottom == Rect(x: 0, y: 5, width: 10, height: 5))
        #expect(rect.splitHorizontally(leftWidth: -1).left.width == 0)
    }

    @Test func containsAndExtremes() {
        let rect = Rect(x: 1, y: 1, width: 2, height: 2)
        #expect(rect.contains(x: 1, y: 1))
        #expect(rect.contains(x: 2, y: 2))
        #expect(!rect.contains(x: 3, y: 1))
        #expect(Rect(x: Int.max, y: 0, width: 5, height: 1).maxX == Int.max)
    }
}
