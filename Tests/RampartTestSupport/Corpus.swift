import Foundation
import Policy

/// The real policy corpora the tests read, in one of two sizes with the same layout:
///
/// - the **full corpora** (`shared/corpus`, see its SOURCES.md): `RAMPART_CORPUS` when set, else
///   `../shared/corpus` beside the package root — an optional, larger run;
/// - the **committed subset** (`Tests/Fixtures/corpus`, see its SOURCES.md): MIT-0 documents
///   only, used when the full corpora are absent, so a fresh clone passes on its own.
///
/// Tests whose pinned numbers describe one corpus branch on ``isFull``.
public enum Corpus {
    public enum Source: Sendable, Equatable {
        case full(URL)
        case subset(URL)
    }

    /// The committed subset.
    public static let subsetRoot: URL = PackageFiles.root.appendingPathComponent("Tests/Fixtures/corpus")

    /// Where the corpora are read from: the full corpora when present, otherwise the subset. A
    /// `RAMPART_CORPUS` naming a folder without the corpora is an error (`load` throws), never a
    /// silent fall-back to the subset; naming the subset's own folder runs on the subset even
    /// when `../shared/corpus` exists (to check the subset's pinned numbers).
    public static let source: Source = {
        if let configured = ProcessInfo.processInfo.environment["RAMPART_CORPUS"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.resolvingSymlinksInPath()
            return url.path == subsetRoot.standardizedFileURL.resolvingSymlinksInPath().path ? .subset(subsetRoot) : .full(url)
        }
        let beside = PackageFiles.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        if FileManager.default.fileExists(atPath: beside.appendingPathComponent(markerFile).path) { return .full(beside) }
        return .subset(subsetRoot)
    }()

    /// A file both corpora have; its presence is what "the full corpora are there" means.
    static let markerFile = "policy-examples/policy-examples.jsonl"

    public static var root: URL {
        switch source {
        case .full(let url), .subset(let url): return url
        }
    }

    public static var isFull: Bool {
        if case .full = source { return true }
        return false
    }

    /// One line saying which corpus the tests read (printed once per test process by `load`).
    public static var note: String {
        switch source {
        case .full(let url):
            return "corpus: the full corpora at \(url.path)"
        case .subset(let url) where ProcessInfo.processInfo.environment["RAMPART_CORPUS"]?.isEmpty == false:
            return "corpus: the committed subset at \(url.path), as RAMPART_CORPUS asks"
        case .subset(let url):
            return "corpus: the full corpora are absent (RAMPART_CORPUS unset, no ../shared/corpus); "
                + "the corpus tests run on the committed subset at \(url.path) (see its SOURCES.md)"
        }
    }

    private static let printNoteOnce: Void = { print(note) }()

    public struct Document: Sendable {
        public var label: String
        public var kind: String
        public var subkind: String?
        public var bytes: [UInt8]
    }

    public struct MissingCorpus: Error, CustomStringConvertible {
        public var description: String
    }

    /// The policy type a corpus record's `kind`/`subkind` stands for.
    public static func policyType(kind: String, subkind: String?) -> PolicyType {
        switch kind {
        case "identity-policy", "managed": return .identity
        case "trust-policy": return .trust
        case "scp": return .scp
        case "other" where subkind == "rcp": return .rcp
        default: return .resource
        }
    }

    /// Each JSONL record's `document`, re-serialised as compact JSON bytes.
    public static func load(_ relativePath: String, managed: Bool = false) throws -> [Document] {
        _ = printNoteOnce
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingCorpus(description: "\(url.path) does not exist: RAMPART_CORPUS must name the shared corpus folder "
                                + "(the one holding \(markerFile)), or be unset to use ../shared/corpus or the committed subset")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var documents: [Document] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let document = object["document"] else { continue }
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
            let kind = managed ? "managed" : (object["kind"] as? String ?? "other")
            let label = (object["name"] as? String) ?? "\(object["source_repo"] ?? "?"):\(object["source_path"] ?? "?")#\(number)"
            documents.append(Document(label: label, kind: kind, subkind: object["subkind"] as? String, bytes: Array(data)))
        }
        return documents
    }
}
