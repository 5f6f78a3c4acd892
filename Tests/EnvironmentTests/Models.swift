import RampartTestSupport

/// The example snapshots in `Models/` (docs/SNAPSHOT.md), as the reader tests open them.
enum Models {
    static func path(_ name: String) -> String { ProgramRunner.packageRoot.appendingPathComponent("Models/\(name)").path }
}
