/// Which resources' own files a snapshot load reads (`SnapshotLoader.load`). Every load reads
/// the identity side (`iam/`, roles included), the organization, the account-level settings
/// (`s3control/`) and the S3 access points; `only` then skips the files of every resource but
/// one — `rampart who-can` asks about one resource, and at 100,000 resources reading the others'
/// files was most of its time (docs/BENCHMARKS.md, "Access paths").
///
/// A file is skipped only when it cannot describe the resource asked about: the resource a file
/// describes is the ARN its name builds (`arnFromName`), unless its command's output carries the
/// ARN (`ResourcePolicyCommand.arnPath`: SQS's `QueueArn`, SNS's `TopicArn`, …); such a file is
/// skipped only when its bytes cannot hold a JSON string equal to that ARN (`mayName`). What is
/// read is read exactly as a whole load reads it, so the resource asked about is the same.
///
/// ```swift
/// let selection = ResourceSelection.only("arn:aws:s3:::logs")
/// selection.includes(arnFromName: "arn:aws:s3:::data")   // false: its files are not read
/// ```
public enum ResourceSelection: Sendable, Equatable {
    case all
    /// Only the resource of this ARN (compared exactly, as the resource is looked up).
    case only(String)

    /// Whether the files of the resource whose name builds `arn` are read.
    func includes(arnFromName arn: String) -> Bool {
        switch self {
        case .all: return true
        case .only(let wanted): return arn == wanted
        }
    }

    /// Whether `bytes`, a file's content, may hold a JSON string that decodes to the selected
    /// ARN: true when the ARN's bytes occur in it as they are, or when the file or the ARN has
    /// what could spell it otherwise — a `\u` escape, `\/` for a slash, or an ARN with a quote, a
    /// backslash, a control character or a byte outside ASCII (read then, whatever the file).
    func mayName(_ bytes: [UInt8]) -> Bool {
        guard case .only(let wanted) = self else { return true }
        let target = Array(wanted.utf8)
        if target.isEmpty || target.contains(where: { $0 < 0x20 || $0 >= 0x80 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return true
        }
        if Self.contains(bytes, target) || Self.contains(bytes, Array(#"\u"#.utf8)) { return true }
        return target.contains(UInt8(ascii: "/")) && Self.contains(bytes, Array(#"\/"#.utf8))
    }

    /// (The standard library's generic `firstRange(of:)` made who-can's snapshot read twice as
    /// long over 20,000 queue files.)
    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= bytes.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
