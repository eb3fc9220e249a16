import Glibc

/// Scheduling priority of kycwatch's supporting threads.
///
/// Reading a usage export runs as a pipeline of threads, and one of them sets its pace: the thread
/// that checks rows. The reader ahead of it and the detection-state thread after it have slack.
/// When the threads outnumber the free cores, the scheduler shares the cores evenly and slows the
/// pace-setter with them; a supporting thread that lowers its priority a few steps leaves the
/// pace-setter its core and runs in the time it leaves. Where there are cores enough, nothing changes.
enum ThreadPriority {
    /// Nice steps a supporting thread lowers its priority by; each step is about a factor of 1.25
    /// in the share of a contended core.
    static let supportingSteps: Int32 = 5

    /// Lowers the calling thread's priority by `steps` nice steps; does nothing where the system
    /// refuses (a thread may always lower its own priority on Linux).
    static func lowerCurrentThread(by steps: Int32 = supportingSteps) {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        // On Linux, priority is per thread, and `who` 0 is the calling thread alone.
        errno = 0
        let current = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, 0, current + steps)
    }

    /// The calling thread's nice value (higher is lower priority), for tests and diagnostics.
    static func currentNice() -> Int32? {
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        return errno == 0 ? current : nil
    }
}
