import Encoding
import Foundation

/// One line of an export's `manifest.jsonl`: where a question came from and Rampart's answer.
public struct SMTExportEntry: Codable, Sendable, Equatable {
    /// The `.smt2` file, relative to the export folder.
    public var file: String
    public var corpus: String
    public var kind: String
    /// The source policy (the corpus record's `source_path`, or the managed policy's name).
    public var source: String
    /// "external access" (the analysis's questions) or "custom check".
    public var run: String
    /// The question's purpose ("next finding", "explanation", "custom check", …).
    public var question: String
    /// How Rampart asked it (solver kind, with or without the alphabets, budget).
    public var attempt: String
    /// Rampart's answer: sat, unsat or unknown.
    public var status: String
    /// Rampart's own check time (Debian's Z3 through the C API, in the exporting process).
    public var rampartMilliseconds: Double
}

/// Writes recorded solver questions (`SolverQuestionRecorder`) as `.smt2` files with
/// deterministic names — the case (corpus, kind, source) and the question's ordinal — and
/// their manifest, so two exports of the same corpora diff cleanly (the times aside).
///
/// ```swift
/// var folder = try SMTExportFolder(path: "out/smt")
/// try folder.write(recorder.questions, of: case_, run: "external access")
/// try folder.writeManifest()    // out/smt/manifest.jsonl, sorted by file
/// ```
public struct SMTExportFolder {
    public let path: String
    public private(set) var entries: [SMTExportEntry] = []

    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The file-name stem of a case: readable, then a hash of the exact id (two ids that read
    /// the same once cleaned still differ).
    public static func stem(corpus: String, kind: String, source: String) -> String {
        func clean(_ text: String, limit: Int) -> String {
            String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" }.prefix(limit))
        }
        return "\(clean(corpus, limit: 24))__\(clean(kind, limit: 32))__\(clean(source, limit: 80))-\(fnv1a(corpus + "\u{0}" + kind + "\u{0}" + source))"
    }

    public mutating func write(_ questions: [RecordedSolverQuestion], of item: CorpusCase, run: String) throws {
        let tag = run == "custom check" ? "check" : "q"
        for question in questions {
            let file = SMTExportFolder.stem(corpus: item.corpus, kind: item.kind, source: item.id)
                + "__\(tag)\(String(format: "%03d", question.ordinal)).smt2"
            try question.smtlib.write(toFile: path + "/" + file, atomically: true, encoding: .utf8)
            entries.append(SMTExportEntry(file: file, corpus: item.corpus, kind: item.kind, source: item.id, run: run,
                                          question: question.purpose, attempt: question.attempt, status: question.status.rawValue,
                                          rampartMilliseconds: question.milliseconds))
        }
    }

    /// `manifest.jsonl`: one JSON object per file, sorted by file name.
    public func writeManifest() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for entry in entries.sorted(by: { $0.file < $1.file }) {
            text += String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n"
        }
        try text.write(toFile: path + "/manifest.jsonl", atomically: true, encoding: .utf8)
    }

    /// 32-bit FNV-1a, as 8 hex digits (stable across runs and platforms, unlike `hashValue`).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return String(format: "%08x", hash)
    }
}
