import Foundation
import Policy

/// A policy document read from inside a CLI output, with what reports need about it.
struct EmbeddedPolicy {
    /// Nil when the document could not be read, or has ERROR diagnostics.
    var policy: Policy?
    var hasErrors: Bool
    var location: DocumentLocation
    var statementLines: [Int: Int]
    var documentText: String?

    /// Copies the document's parts onto the resource it belongs to.
    func apply(to resource: inout SnapshotResource) {
        resource.policy = resource.policyHasErrors ? nil : policy
        resource.policyHasErrors = resource.policyHasErrors || hasErrors
        resource.policyDocument = location
        resource.statementLines = statementLines
        resource.documentText = documentText
    }
}

/// Reads a policy document as the AWS CLI emits it inside its outputs: a JSON object
/// (`aws iam get-account-authorization-details` decodes documents for you), a JSON string
/// holding the document (`{"Policy": "{\"Version\":…}"}` — S3, KMS, SQS, SNS, Lambda, Secrets
/// Manager, ECR, Organizations), or a URL-encoded string (`%7B%22Version%22…`, what the IAM API
/// itself returns, e.g. through SDKs or `--query` pipelines).
///
/// With `escapedOnce`, a string that is not JSON but is the body of a JSON string holding JSON
/// (`{\"Version\":\"2012-10-17\",…}`, API Gateway's `policy` as AWS prints it) is read as that
/// JSON: the two forms cannot be mistaken for each other, since a backslash may not stand outside
/// a JSON string and an unescaped quote may not stand inside one.
///
/// Problems become diagnostics naming the file, the JSON path of the document in the file,
/// then the path inside the document; only ERROR diagnostics of the policy are kept (warnings
/// about a readable policy are `rampart validate`'s business).
enum EmbeddedPolicyReader {
    static func read(_ value: JSONValue, in output: CLIOutputFile, path: JSONPath, type: PolicyType, resource: String?,
                     limit: PolicySizeLimit = .largestQuota, escapedOnce: Bool = false,
                     diagnostics: inout [SnapshotDiagnostic]) -> EmbeddedPolicy {
        let file = output.file
        var location = DocumentLocation(file: file, jsonPath: path.description, embedding: .object, line: value.position.line)
        let failed = EmbeddedPolicy(policy: nil, hasErrors: true, location: location, statementLines: [:], documentText: nil)
        let document: JSONValue
        var rawBytes: [UInt8]? = nil
        switch value.kind {
        case .object:
            document = value
        case .string(let text):
            var decoded = text
            location.embedding = .jsonString
            // The text from its first non-blank character: what the trimmed text starts with,
            // without Foundation's trimming (a bridged copy of every document) when it is JSON.
            let start = text.unicodeScalars.firstIndex { !CharacterSet.whitespacesAndNewlines.contains($0) } ?? text.endIndex
            let head = text[start...]
            if head.hasPrefix("%") || (!head.hasPrefix("{") && text.contains("%7B")) {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                location.embedding = .urlEncoded
                guard let unescaped = trimmed.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.undecodableDocument,
                                                         "the policy document looks URL-encoded but is not valid percent-encoding",
                                                         path: path, at: value, resource: resource))
                    return EmbeddedPolicy(policy: nil, hasErrors: true, location: location, statementLines: [:], documentText: nil)
                }
                decoded = unescaped
            }
            if escapedOnce, let unescaped = unescapedOnce(decoded) { decoded = unescaped }
            rawBytes = Array(decoded.utf8)
            do {
                document = try JSONParser.parse(rawBytes ?? [])
            } catch {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.malformedJSON,
                                                     "the policy document in this string is not JSON: \(error.message) (document line \(error.position.line), column \(error.position.column))",
                                                     path: path, at: value, resource: resource))
                return EmbeddedPolicy(policy: nil, hasErrors: true, location: location, statementLines: [:], documentText: nil)
            }
        default:
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                 "a policy document must be an object or a string holding JSON, found \(value.typeName)",
                                                 path: path, at: value, resource: resource))
            return failed
        }

        // AWS's quota applies however the CLI prints the document (a string or an object); an
        // object's size is its compact text's, which the resource keeps anyway (the size counts
        // no whitespace outside strings, where alone the two writings differ).
        let compact = JSONValueWriter.writeCompact(document)
        let size = PolicySizeLimit.size(ofJSONText: rawBytes.map { String(decoding: $0, as: UTF8.self) } ?? compact)
        if size > limit.bytes {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.policyTooLarge,
                                                 "the policy document is \(size) bytes (without whitespace), over AWS's limit of \(limit.bytes): \(limit.source); AWS would not hold it, so it is not analysed",
                                                 path: path, at: value, resource: resource))
            return EmbeddedPolicy(policy: nil, hasErrors: true, location: location, statementLines: [:], documentText: nil)
        }
        let source = location.embedding == .object ? "\(file)#\(path)" : file
        let parsed = PolicyParser.parse(json: document, source: source, type: type, rawBytes: rawBytes)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        for error in errors {
            let inFile = location.embedding == .object
            var jsonPath = path.description
            if inFile {
                jsonPath = JSONPath(path.components + error.location.path.components).description
            } else {
                jsonPath += " → " + error.location.path.description
            }
            var message = error.message
            if !inFile, let position = error.location.position {
                message += " (document line \(position.line), column \(position.column))"
            }
            diagnostics.append(SnapshotDiagnostic(.error, error.code.rawValue, message, file: file, jsonPath: jsonPath,
                                                  line: inFile ? error.location.position?.line ?? value.position.line : value.position.line,
                                                  column: inFile ? error.location.position?.column ?? value.position.column : value.position.column,
                                                  resource: resource))
        }
        // The statements' texts are derived from the document's when a report needs them (`StatementTexts`).
        var lines: [Int: Int] = [:]
        let statementValue = document.members?.last(where: { $0.key == "Statement" })?.value
        let statementValues = statementValue.map { $0.elements ?? [$0] } ?? []
        for (index, statement) in statementValues.enumerated() {
            lines[index] = location.embedding == .object ? statement.position.line : value.position.line
        }
        // Its diagnostics made, the policy is kept without its elements' locations, which no
        // semantics or scan report reads (the statements' lines are kept above).
        let usable = errors.isEmpty ? parsed.policy?.droppingLocations() : nil
        return EmbeddedPolicy(policy: usable, hasErrors: !errors.isEmpty, location: location, statementLines: lines,
                              documentText: compact)
    }

    /// The text `text` stands for when it is the body of a JSON string (between the quotes) and
    /// is not JSON itself; nil otherwise.
    private static func unescapedOnce(_ text: String) -> String? {
        guard (try? JSONParser.parse(Array(text.utf8))) == nil,
              let quoted = try? JSONParser.parse(Array(("\"" + text + "\"").utf8)) else { return nil }
        return quoted.stringValue
    }
}
