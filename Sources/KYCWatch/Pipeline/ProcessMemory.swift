import Foundation

/// The process's memory as Linux reports it, for logs and manifests.
public enum ProcessMemory {
    /// The peak resident set size so far in MB (10^6 bytes), from `VmHWM` in `/proc/self/status`;
    /// nil where that file is missing.
    public static func peakResidentMB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = Double(fields[1]) else { return nil }
            return (kilobytes * 1024 / 1e6).rounded()
        }
        return nil
    }
}
