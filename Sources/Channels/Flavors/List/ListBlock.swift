import Synchronization

/// Index arithmetic of the list channel, as in crossbeam's `list` flavor.
///
/// An index counts slots in steps of `step` (bit 0 is a flag: in `tail` "closed", in `head`
/// "the head block is not the last one"). Each block covers one *lap* of 32 indices, of which
/// only the first 31 are slots: offset 31 is the block-end marker, the index a block's
/// installer skips once the next block is linked in, so a thread that reads offset 31 knows to
/// wait for that hand-over instead of claiming a slot.
enum ListIndex {
    static let shift: UInt = 1
    /// One slot further.
    static let step: UInt = 1 << shift
    /// In `tail`: the channel is closed. In `head`: the head block has a successor.
    static let markBit: UInt = 1
    static let lap: UInt = 32
    /// Slots per block: a lap minus the block-end marker.
    static let blockCapacity: UInt = lap - 1

    /// The offset of `index` inside its block (`blockCapacity` = the block-end marker).
    @inline(__always)
    static func offset(_ index: UInt) -> UInt { (index >> shift) & (lap - 1) }

    /// Which lap (block) `index` falls in.
    @inline(__always)
    static func block(_ index: UInt) -> UInt { (index >> shift) / lap }
}

/// The state bits of one slot (crossbeam's `WRITE`/`READ`/`DESTROY`).
enum ListSlotState {
    /// The sender finished writing the element.
    static let write: UInt8 = 1
    /// The receiver finished moving the element out; the slot is no longer used.
    static let read: UInt8 = 2
    /// The block's destroyer found this slot still being read and left the rest of the
    /// destruction to its reader.
    static let destroy: UInt8 = 4
}

/// A handle to one heap block of the list channel: a `next` link, then the 31 slots' state
/// bytes packed together, then 31 uninitialized element cells, in one allocation.
///
/// States are one byte each and kept apart from the elements (crossbeam puts a word beside each
/// message) so a block is `8 + 31 + 31 × stride` bytes: 2024 bytes for a 64-byte message, which
/// jemalloc serves from its 2048-byte class, 66 bytes per queued message; a state word per slot
/// would make it 2240 bytes, served from the 2560-byte class (83 bytes per message).
///
/// A slot's element is initialized from the sender's `write` mark until its receiver moves it
/// out; the channel's algorithm owns that invariant, this type only lays memory out.
struct ListBlock<Element> {
    let base: UnsafeMutableRawPointer

    private static var statesOffset: Int { MemoryLayout<Atomic<UInt>>.size }
    private static var valuesOffset: Int {
        let end = statesOffset + Int(ListIndex.blockCapacity)
        let alignment = MemoryLayout<Element>.alignment
        return (end + alignment - 1) / alignment * alignment
    }
    private static var byteCount: Int { valuesOffset + Int(ListIndex.blockCapacity) * MemoryLayout<Element>.stride }
    private static var alignment: Int { max(MemoryLayout<Atomic<UInt>>.alignment, MemoryLayout<Element>.alignment) }

    /// A fresh block: no successor, every slot empty.
    static func allocate() -> ListBlock {
        let base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        base.bindMemory(to: Atomic<UInt>.self, capacity: 1).initialize(to: Atomic(0))
        let states = (base + statesOffset).bindMemory(to: Atomic<UInt8>.self, capacity: Int(ListIndex.blockCapacity))
        for i in 0..<Int(ListIndex.blockCapacity) { (states + i).initialize(to: Atomic(0)) }
        return ListBlock(base: base)
    }

    @inline(__always)
    init(base: UnsafeMutableRawPointer) { self.base = base }

    /// The block whose address is `bits` (as stored in an atomic word); `bits` must not be 0.
    @inline(__always)
    init(bits: UInt) { base = UnsafeMutableRawPointer(bitPattern: bits).unsafelyUnwrapped }

    /// The address as an atomic word holds it.
    @inline(__always)
    var bits: UInt { UInt(bitPattern: base) }

    /// Frees the memory. Elements must already be moved out or discarded.
    func deallocate() { base.deallocate() }

    /// The successor's address, 0 until the block's last slot's sender links one in.
    @inline(__always)
    var next: UnsafeMutablePointer<Atomic<UInt>> { base.assumingMemoryBound(to: Atomic<UInt>.self) }

    @inline(__always)
    func state(_ offset: UInt) -> UnsafeMutablePointer<Atomic<UInt8>> {
        (base + (ListBlock.statesOffset &+ Int(offset))).assumingMemoryBound(to: Atomic<UInt8>.self)
    }

    @inline(__always)
    private func value(_ offset: UInt) -> UnsafeMutableRawPointer {
        base + (ListBlock.valuesOffset &+ Int(offset) &* MemoryLayout<Element>.stride)
    }

    /// Copies `element` into slot `offset`'s (uninitialized) cell, then marks it written
    /// (release: a receiver that acquires the mark sees the whole element).
    ///
    /// The copy of an element holding references goes through a non-inlined call, so its
    /// retain completes before the release store: the optimizer does not treat an atomic as a
    /// barrier for reference counting and was seen to sink such a retain below the ring's
    /// publishing store (see `RingSlots.put`).
    @inline(__always)
    func write(_ element: Element, at offset: UInt) {
        let address = value(offset)
        if _isPOD(Element.self) {
            address.initializeMemory(as: Element.self, to: element)
        } else {
            ListBlock.copyOpaquely(element, to: address)
        }
        state(offset).pointee.bitwiseOr(ListSlotState.write, ordering: .releasing)
    }

    @inline(never)
    private static func copyOpaquely(_ element: Element, to address: UnsafeMutableRawPointer) {
        address.initializeMemory(as: Element.self, to: element)
    }

    /// Waits until slot `offset`'s sender has written it. The sender claimed the slot already
    /// and is running or runnable, so this spins, then yields; it never parks.
    @inline(__always)
    func waitWrite(_ offset: UInt) {
        var backoff = Backoff()
        while state(offset).pointee.load(ordering: .acquiring) & ListSlotState.write == 0 {
            backoff.snooze()
        }
    }

    /// Waits until the successor is linked in (its installer claimed this block's last slot
    /// and is between two stores) and returns it.
    func waitNext() -> ListBlock {
        var backoff = Backoff()
        while true {
            let bits = next.pointee.load(ordering: .acquiring)
            if bits != 0 { return ListBlock(bits: bits) }
            backoff.snooze()
        }
    }

    /// Moves the element out of slot `offset` (which must be written).
    @inline(__always)
    func take(at offset: UInt) -> Element {
        value(offset).assumingMemoryBound(to: Element.self).move()
    }

    /// Releases the element in slot `offset` without reading it (the channel is being dropped).
    func discard(at offset: UInt) {
        value(offset).assumingMemoryBound(to: Element.self).deinitialize(count: 1)
    }

    /// Frees the block once no receiver still reads one of its slots from `start` on.
    ///
    /// Called by the receiver of the last slot (`start` 0) and by a receiver that finds
    /// `destroy` set on its slot (`start` = its offset + 1). A slot whose reader has not set
    /// `read` yet gets `destroy` and that reader carries on; the acquire-release RMW on each
    /// state orders a reader's element move before the free.
    static func destroy(_ block: ListBlock, from start: UInt, liveBlocks: UnsafeMutablePointer<Atomic<Int>>) {
        // The last slot needs no mark: its reader is the one that started the destruction.
        var offset = start
        while offset < ListIndex.blockCapacity - 1 {
            let state = block.state(offset)
            if state.pointee.load(ordering: .acquiring) & ListSlotState.read == 0
                && state.pointee.bitwiseOr(ListSlotState.destroy, ordering: .acquiringAndReleasing).oldValue
                    & ListSlotState.read == 0 {
                return
            }
            offset &+= 1
        }
        block.deallocate()
        liveBlocks.pointee.wrappingSubtract(1, ordering: .relaxed)
    }
}
