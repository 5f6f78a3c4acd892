import CZ3

/// The version of the libz3 this binary is linked against, read through the C API
/// (`Z3_get_full_version`), so it reports the library actually loaded at run time.
///
/// ```swift
/// print(Z3Version.current)   // "4.8.12.0"
/// ```
public enum Z3Version {
    /// The full version string libz3 reports, e.g. `"4.8.12.0"`.
    public static var current: String {
        guard let cString = Z3_get_full_version() else { return "unknown" }
        return String(cString: cString)
    }

    /// The numeric version components (major, minor, build, revision).
    public static var components: (major: UInt32, minor: UInt32, build: UInt32, revision: UInt32) {
        var major: UInt32 = 0, minor: UInt32 = 0, build: UInt32 = 0, revision: UInt32 = 0
        Z3_get_version(&major, &minor, &build, &revision)
        return (major, minor, build, revision)
    }
}
