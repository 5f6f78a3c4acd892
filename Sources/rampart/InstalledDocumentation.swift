import Foundation

/// Rampart's documentation as it lies beside the running binary, for SARIF's
/// `tool.driver.informationUri`: `<prefix>/share/doc/rampart/docs/REPORTS.md` for a binary installed
/// in `<prefix>/bin` or `<prefix>/lib/rampart` (scripts/install.sh, the tarball of
/// scripts/package.sh, the Dockerfile), or the checkout's `docs/REPORTS.md` for a binary built
/// in `.build/`. Nil when neither is there: the log then names no page rather than a made-up one.
enum InstalledDocumentation {
    static var reportsPage: URL? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let folder = executable.deletingLastPathComponent()
        let installed = [folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("share/doc/rampart/docs/REPORTS.md") }
        // .build/<triple>/<configuration>/rampart: the checkout is three folders up.
        var checkout = folder
        for _ in 0..<3 { checkout = checkout.deletingLastPathComponent() }
        let candidates = installed + [checkout.appendingPathComponent("docs/REPORTS.md")]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }?.standardizedFileURL
    }
}
