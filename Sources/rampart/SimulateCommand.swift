import ArgumentParser
import Authorizer
import Foundation
import Reports

/// `rampart simulate`: evaluate one request against policy files (docs/SIMULATE.md).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Evaluate one request against policies with AWS's evaluation logic.",
        discussion: """
            Exit status: 0 when the request was evaluated (whatever the decision), 2 for bad options, \
            unreadable files, policies with ERROR diagnostics, or malformed requests.
            Without --identity-policy (and without --no-identity-policies) the caller's identity policies \
            are unknown and assumed to allow, as IAM Access Analyzer assumes.
            """
    )

    @Option(name: .customLong("request"), help: "The request file (JSON; see docs/SIMULATE.md).")
    var request: String

    @Option(name: .customLong("resource-policy"), help: "The resource's policy (resource, trust or key policy).")
    var resourcePolicy: String?

    @Option(name: .customLong("identity-policy"), help: "An identity policy of the caller (repeatable).")
    var identityPolicies: [String] = []

    @Flag(name: .customLong("no-identity-policies"), help: "The caller has no identity policies (instead of unknown).")
    var noIdentityPolicies = false

    @Option(name: .customLong("scp"), help: "An SCP; each file is one level of the principal's organization path (repeatable).")
    var scps: [String] = []

    @Option(name: .customLong("rcp"), help: "An RCP; each file is one level of the resource's organization path (repeatable).")
    var rcps: [String] = []

    @Option(name: .customLong("boundary"), help: "The caller's permissions boundary.")
    var boundary: String?

    @Option(name: .customLong("session-policy"), help: "The session policy of the caller's session.")
    var sessionPolicy: String?

    @Option(name: .customLong("resource-account"), help: "The account owning the resource (overrides the request file).")
    var resourceAccount: String?

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let files = SimulationFiles(requestFile: request, resourcePolicyFile: resourcePolicy,
                                    identityPolicyFiles: identityPolicies, identityPoliciesNone: noIdentityPolicies,
                                    scpFiles: scps, rcpFiles: rcps, boundaryFile: boundary,
                                    sessionPolicyFile: sessionPolicy, resourceAccount: resourceAccount)
        let loaded: (Request, PolicySet)
        do {
            loaded = try Simulation.load(files)
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
        let decision = Authorizer.evaluate(loaded.0, policies: loaded.1)
        try CommandSupport.guarded {
            try CommandSupport.emit(format, json: { SimulationReport.json(decision) }, text: { SimulationReport.text(decision) })
            return 0
        }
    }

    private func printToStandardError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
