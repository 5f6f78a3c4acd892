import Foundation
import RampartTestSupport
import XCTest

/// Debian's `chromium`, headless, as the browser tests drive it: it opens a page (with a
/// fragment, which `report.html` reads as its state), lets its script run, and prints the DOM as
/// it then is (`--dump-dom`); console messages come on standard error (`--enable-logging=stderr`).
///
/// Without chromium the browser tests are skipped, saying why — except under CI (`CI=true`, as
/// `.ci/run` runs, which installs it), where its absence is a failure.
struct HeadlessChromium {
    /// What a page became after its script ran.
    struct RenderedPage {
        /// The serialized DOM (`--dump-dom`): text nodes with `&`, `<`, `>` escaped, so an element
        /// made from input would show here as markup.
        var dom: String
        /// Every console message the page logged (chromium prints them as `…:CONSOLE…] "message", source: …`).
        /// `report.html` logs nothing, so every message is a failure (errors included: chromium
        /// prints uncaught exceptions the same way).
        var consoleMessages: [String]
        var stderr: String
    }

    let executable: String

    /// `CHROMIUM` when set, else `chromium` or `chromium-browser` on `PATH`.
    static func locate() throws -> HeadlessChromium {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let chosen = environment["CHROMIUM"], !chosen.isEmpty { candidates.append(chosen) }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] { candidates.append("\(folder)/\(name)") }
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return HeadlessChromium(executable: found)
        }
        let message = "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it), so report.html was not opened in a browser"
        if environment["CI"] == "true" {
            XCTFail(message)
            throw BrowserMissing(message: message)
        }
        throw XCTSkip(message)
    }

    struct BrowserMissing: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Opens `file` at `#fragment`, gives its script up to 20 s of virtual time, and returns the DOM.
    func open(_ file: URL, fragment: String = "") throws -> RenderedPage {
        let profile = try ProgramRunner.temporaryDirectory(prefix: "rampart-chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let address = URL(fileURLWithPath: file.path).absoluteString + (fragment.isEmpty ? "" : "#" + fragment)
        let arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--user-data-dir=\(profile.path)",
                         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000", "--dump-dom", address]
        // `timeout`: a browser that hangs ends the test instead of the suite.
        let result = try ProgramRunner.run("/usr/bin/timeout", ["300", executable] + arguments)
        guard result.status == 0, result.stdout.contains("</html>") else {
            throw BrowserFailed(message: "chromium exited with status \(result.status): \(result.stderr.suffix(2000))")
        }
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return RenderedPage(dom: result.stdout, consoleMessages: console, stderr: result.stderr)
    }

    struct BrowserFailed: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// `value` as `encodeURIComponent` writes it (what the page's fragment reader decodes).
    static func fragmentValue(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension HeadlessChromium.RenderedPage {
    /// `data-NAME` of the root element, as the page's script set it.
    func rootAttribute(_ name: String) -> String? { attribute(name, ofFirst: "<html") }

    /// `data-NAME` of the findings table.
    func tableAttribute(_ name: String) -> String? { attribute(name, ofFirst: "<table class=\"findings") }

    /// The `data-id` of each finding row, in page order.
    var findingRowIDs: [String] { tags("tr", class: "finding").compactMap { Self.value(of: "data-id", in: $0) } }

    /// The number of group rows (`<tr class="group">`, one per resource on the page, repeated when a page starts inside a group).
    var groupRowCount: Int { tags("tr", class: "group").count }

    var detailRowCount: Int { tags("tr", class: "detail").count }

    /// Opening tags `<tag class="cls…" …>`, as written in the serialized DOM.
    private func tags(_ tag: String, class name: String) -> [Substring] {
        var found: [Substring] = []
        var rest = dom[...]
        while let start = rest.range(of: "<\(tag) class=\"\(name)") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tagText = rest[start.lowerBound...end]
            let classValue = Self.value(of: "class", in: tagText) ?? ""
            if classValue.split(separator: " ").first.map(String.init) == name { found.append(tagText) }
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    private func attribute(_ name: String, ofFirst opening: String) -> String? {
        guard let start = dom.range(of: opening), let end = dom[start.upperBound...].firstIndex(of: ">") else { return nil }
        return Self.value(of: "data-\(name)", in: dom[start.lowerBound...end])
    }

    private static func value(of attribute: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(attribute)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }
}
