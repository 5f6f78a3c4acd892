import CZ3

/// Z3's process-wide settings (`Z3_global_param_set`): they apply to every context in the
/// process, including ones already created.
///
/// ```swift
/// Z3Global.setMemoryLimit(megabytes: 512)   // over the cap, a check answers `.unknown`
/// Z3Global.setMemoryLimit(megabytes: nil)   // no cap (Z3's default)
/// ```
public enum Z3Global {
    /// Caps the memory Z3 allocates in this process (`memory_max_size`, in megabytes), shared by
    /// every context and thread; `nil` or 0 removes the cap. Over the cap Z3 stops the work at
    /// hand: a check answers ``Z3CheckResult/unknown(reason:)`` (Z3 says `"out of memory"`),
    /// and any other call, including creating a context, throws ``Z3Error/api(code:message:)``
    /// with ``Z3ErrorCode/memoryOut``. The process is never ended.
    ///
    /// The count is Z3's own estimate (``allocatedBytes``); a context alone takes ~17 MB.
    public static func setMemoryLimit(megabytes: UInt32?) {
        Z3_global_param_set("memory_max_size", String(megabytes ?? 0))
    }

    /// The cap set with ``setMemoryLimit(megabytes:)``, or nil when there is none.
    public static var memoryLimitMegabytes: UInt32? {
        var value: Z3_string?
        guard Z3_global_param_get("memory_max_size", &value), let value, let megabytes = UInt32(String(cString: value)),
              megabytes > 0 else { return nil }
        return megabytes
    }

    /// Hands memory freed by finished contexts back to the system (glibc's `malloc_trim`).
    /// Z3 frees to the C heap, and glibc keeps freed pages in each thread's arena: without
    /// this, a long run's resident size keeps every worker's largest analysis. Does nothing
    /// where the C library has no `malloc_trim`.
    public static func returnFreedMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }

    /// Z3's estimate of the memory it has allocated in this process, in bytes
    /// (`Z3_get_estimated_alloc_size`).
    public static var allocatedBytes: UInt64 {
        UInt64(Z3_get_estimated_alloc_size())
    }
}

extension Z3Error {
    /// True when Z3 stopped because it ran out of memory (its memory limit, see
    /// ``Z3Global/setMemoryLimit(megabytes:)``): ``Z3ErrorCode/memoryOut``.
    public var isMemoryOut: Bool {
        if case .api(let code, _) = self { return code == .memoryOut }
        return false
    }
}
