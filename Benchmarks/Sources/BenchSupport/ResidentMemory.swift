import Foundation

/// Resident memory of this process, from `/proc/self/status` (Linux). `VmHWM` is the peak
/// resident set; writing `5` to `/proc/self/clear_refs` resets it, so each scan can report its
/// own peak rather than the largest of the run.
public enum ResidentMemory {
    /// Peak resident set in bytes since the process started or since the last `resetPeak()`.
    public static func peakBytes() -> Int? { statusField("VmHWM:") }

    /// Current resident set in bytes.
    public static func currentBytes() -> Int? { statusField("VmRSS:") }

    /// Resets the peak to the current resident set. Returns false where the kernel refuses it.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }   // the kernel prints kB
        }
        return nil
    }
}
