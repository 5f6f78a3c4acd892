import Analysis
import ArgumentParser
import Environment
import Foundation
import Policy
import Reports

extension ResourceType: ExpressibleByArgument {}

/// Failures that end a command with exit status 2 and a message on standard error.
struct InputError: Error, CustomStringConvertible {
    var description: String

    init(description: String) { self.description = description }

    /// A file's diagnostics, one per line (`SnapshotDiagnostic.text`: file, position, JSON path).
    init(diagnostics: [SnapshotDiagnostic]) {
        description = diagnostics.map(\.text).joined(separator: "\n")
    }
}

enum CommandSupport {
    /// Everything a command prints goes through here: control characters from policies (ESC,
    /// CR) are escaped (`ControlCharacters`), so no input can drive the terminal or overwrite a
    /// line. JSON output is unchanged in meaning (the escapes are JSON's own).
    static func write(_ text: String) { FileHandle.standardOutput.write(Data(ControlCharacters.forTerminal(text).utf8)) }

    /// Text output for people: as `write`, with statuses and severities coloured when standard
    /// output is a terminal and `NO_COLOR` is not set (`TerminalColour`). The escaping of the
    /// input's own control characters comes first, so no input can forge a colour.
    static func writeText(_ text: String) {
        let escaped = ControlCharacters.forTerminal(text)
        let coloured = colour ? TerminalColour.highlight(escaped) : escaped
        FileHandle.standardOutput.write(Data(coloured.utf8))
    }

    /// Prints a result in the chosen format: JSON and SARIF as they are, text for people
    /// (`writeText`). `--format sarif` on a command whose results are not located in files is a
    /// usage error.
    static func emit(_ format: OutputFormat, json: () -> String, text: () -> String, sarif: (() -> String)? = nil) throws {
        switch format {
        case .json: write(json())
        case .text: writeText(text())
        case .sarif:
            guard let sarif else {
                throw InputError(description: "--format sarif: this command's result is not located in a file; use text or json")
            }
            write(sarif())
        }
    }

    static let colour = TerminalColour.enabled(isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    static func writeError(_ text: String) { FileHandle.standardError.write(Data(ControlCharacters.forTerminal(text).utf8)) }

    static func readFile(_ path: String) throws -> [UInt8] {
        switch PolicyFileReader.read(argument: path) {
        case .success(let bytes): return bytes
        case .failure(let error): throw InputError(description: error.description)
        }
    }

    /// Reads and validates a policy; ERROR diagnostics end the command (status 2) with them printed.
    static func loadPolicy(_ path: String, type: PolicyType?) throws -> Policy {
        let result = PolicyParser.parse(bytes: try readFile(path), source: path, type: type)
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard let policy = result.policy, errors.isEmpty else {
            let lines = errors.map { diagnostic -> String in
                let position = diagnostic.location.position.map { ":\($0.line):\($0.column)" } ?? ""
                return "\(path)\(position): \(diagnostic.severity.rawValue) \(diagnostic.code.rawValue): \(diagnostic.message) (at \(diagnostic.location.path))"
            }
            throw InputError(description: "the policy cannot be analysed:\n" + lines.joined(separator: "\n"))
        }
        return policy
    }

    /// Runs `body`, turning input errors into exit status 2.
    static func guarded(_ body: () throws -> Int32) throws {
        let code: Int32
        do {
            code = try body()
        } catch let error as InputError {
            writeError("error: \(error.description)\n")
            throw ExitCode(2)
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Options naming a zone of trust.
struct ZoneOptions: ParsableArguments {
    @Option(name: .customLong("zone-account"), help: "An account in the zone of trust (repeatable).")
    var accounts: [String] = []

    @Option(name: .customLong("zone-org"), help: "The organization id of the zone of trust (o-...).")
    var organization: String?

    @Option(name: .customLong("zone-org-account"), help: "A member account of --zone-org (repeatable).")
    var organizationAccounts: [String] = []

    func zone() throws -> ZoneOfTrust {
        for account in accounts + organizationAccounts where !AccountID.isValid(account) {
            throw InputError(description: "\(account) is not a twelve-digit account id")
        }
        if let organization {
            guard !organizationAccounts.isEmpty else {
                throw InputError(description: "--zone-org needs its member accounts (--zone-org-account)")
            }
            return .organization(organization, accounts: organizationAccounts + accounts)
        }
        guard !accounts.isEmpty else {
            throw InputError(description: "give the zone of trust: --zone-account ID..., or --zone-org o-... with --zone-org-account ID...")
        }
        return ZoneOfTrust(accounts: accounts)
    }
}

/// `--engine`: the fast paths before the solver (default), or the faithful encoding alone (to
/// cross-check an answer; docs/ANALYSIS.md, "Fast paths").
enum AnalysisEngine: String, ExpressibleByArgument, CaseIterable {
    case fast
    case solver

    func options(timeoutMilliseconds: UInt32) -> AnalysisOptions {
        self == .fast ? AnalysisOptions(timeoutMilliseconds: timeoutMilliseconds)
            : .solverOnly(timeoutMilliseconds: timeoutMilliseconds)
    }
}
