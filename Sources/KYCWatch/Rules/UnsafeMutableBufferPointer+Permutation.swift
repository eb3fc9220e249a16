extension UnsafeMutableBufferPointer {
    /// Rearranges the elements so that position `i` holds what was at `order[i]`; `order` is a
    /// permutation of the indices.
    ///
    /// Each element is moved along the permutation's cycles, never copied: mapping `order` to a
    /// new array would copy every element, retaining all it holds, then release the originals.
    func permute(into order: [Int]) {
        precondition(order.count == count, "a permutation of \(order.count) positions for \(count) elements")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            var current = start
            while true {
                placed[current] = true
                let source = order[current]
                if source == start { break }
                swapAt(current, source)
                current = source
            }
        }
    }
}
