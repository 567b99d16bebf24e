import Synchronization

/// The ring's slot array: `capacity` slots, each a sequence number ("stamp") followed by
/// *uninitialized* storage for one element, laid out by hand in one allocation so a slot's
/// stamp and its element share a cache line (one miss per operation, as in crossbeam's
/// `Slot<T>`), and an element is stored as itself — no `Optional` wrapper, no extra
/// retain/release beyond the element's own copy.
///
/// A slot's element is initialized exactly while its stamp says "full for this lap"; the
/// ring's algorithm owns that invariant. This type only does the address arithmetic and
/// allocation; it never touches elements on its own (the ring's `deinit` drains them).
struct RingSlots<Element>: ~Copyable {
    let base: UnsafeMutableRawPointer
    let stride: Int
    let valueOffset: Int
    let count: Int

    /// Allocates `count` slots; slot `i`'s stamp starts at `i` (lap 0, index `i`: empty and
    /// ready for the first sender to reach it).
    init(count: Int) {
        let stampSize = MemoryLayout<Atomic<UInt>>.size
        let alignment = max(MemoryLayout<Atomic<UInt>>.alignment, MemoryLayout<Element>.alignment)
        valueOffset = roundUp(stampSize, to: MemoryLayout<Element>.alignment)
        stride = roundUp(valueOffset + MemoryLayout<Element>.size, to: alignment)
        self.count = count
        // Align the array itself to a cache-line block so slot 0 never shares a line with
        // unrelated heap data.
        base = UnsafeMutableRawPointer.allocate(
            byteCount: max(stride * count, 1), alignment: max(alignment, cacheLineBlock))
        for i in 0..<count {
            (base + i * stride).bindMemory(to: Atomic<UInt>.self, capacity: 1).initialize(to: Atomic(UInt(i)))
        }
    }

    deinit {
        // Stamps are trivial; elements were already released by the ring.
        base.deallocate()
    }

    @inline(__always)
    func stamp(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt>> {
        (base + index &* stride).assumingMemoryBound(to: Atomic<UInt>.self)
    }

    /// Copies `element` into the (uninitialized) storage of slot `index`.
    ///
    /// The copy of an element that holds references (its retains) must be *complete* before the
    /// caller publishes the slot with its release store of the stamp: from then on a receiver
    /// may take the element and release it. The Swift optimizer does not treat an atomic store
    /// as a barrier for reference counting, and a release build with cross-module optimization
    /// really did sink the `swift_retain` of a `BenchMessage<HeapPayload>`'s array below the
    /// stamp store: the receiver released the array to zero while the sender's late retain
    /// resurrected it ("deallocated with non-zero retain count", about one run in five).
    /// So for such elements the copy happens in a non-inlined call, which completes its retain
    /// before it returns and which cannot be reordered with the stamp store (the disassembly
    /// now shows `copyOpaquely` tail-calling `swift_retain`, then the stamp store). The same
    /// hazard made swift-atomics hide its retains from the ARC optimizer (glessard/swift-atomics
    /// #55, apple/swift-atomics #96/#97). Trivial elements (no reference counting) keep the
    /// inlined store. Regression check in release: `scripts/check-release-elements.sh`.
    @inline(__always)
    func put(_ element: Element, at index: Int) {
        let address = base + (index &* stride &+ valueOffset)
        if _isPOD(Element.self) {
            address.initializeMemory(as: Element.self, to: element)
        } else {
            RingSlots.copyOpaquely(element, to: address)
        }
    }

    @inline(never)
    private static func copyOpaquely(_ element: Element, to address: UnsafeMutableRawPointer) {
        address.initializeMemory(as: Element.self, to: element)
    }

    /// Moves the element out of slot `index`, leaving the storage uninitialized.
    @inline(__always)
    func take(at index: Int) -> Element {
        (base + (index &* stride &+ valueOffset)).assumingMemoryBound(to: Element.self).move()
    }

    /// Releases the element in slot `index` without reading it (used when the ring is dropped).
    func discard(at index: Int) {
        (base + (index &* stride &+ valueOffset)).assumingMemoryBound(to: Element.self).deinitialize(count: 1)
    }
}

@inline(__always)
private func roundUp(_ n: Int, to alignment: Int) -> Int {
    (n + alignment - 1) / alignment * alignment
}
