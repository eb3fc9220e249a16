import CMalloc

/// How the process's allocator treats memory it is given back.
enum AllocatorPolicy {
    /// Keeps freed memory for the next allocation instead of returning it to the system.
    ///
    /// Reading an export allocates and frees buffers of a megabyte or more thousands of times (record
    /// batches, hand-off batches). With glibc's defaults those come from fresh mappings or are
    /// trimmed off the heap on free, and the next one faults its pages in again; kept, they are
    /// reused warm. A night's peak memory is set by the detection state, not by these buffers.
    static func keepFreedMemory() {
        // Allocations under 32 MB come from the heap, which keeps up to 256 MB free at its top and
        // grows 64 MB at a time.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
        _ = mallopt(M_TOP_PAD, 64 << 20)
    }
}
