import Analysis
import ArgumentParser
import Policy
import Reports

/// `rampart check-access-not-granted --policy FILE --action A... [--resource R...]`
struct CheckAccessNotGrantedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-access-not-granted",
        abstract: "PASS when a policy allows none of the given actions (on the given resources).",
        discussion: """
            An identity policy is judged for a principal of the account it belongs to; a resource \
            policy for any caller whose own identity policies allow. Exit status: 0 PASS, 1 FAIL, \
            3 UNPROVEN, 2 usage or input error.
            """
    )

    @Option(help: "The policy (JSON).") var policy: String
    @Option(name: .customLong("policy-type"), help: "Policy type (inferred when omitted).") var policyType: PolicyType?
    @Option(name: .customLong("action"), help: "An action that must not be allowed (repeatable).") var actions: [String]
    @Option(name: .customLong("resource"), help: "A resource ARN it must not be allowed on (repeatable; default: any).") var resources: [String] = []
    @OptionGroup var solver: SolverOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            guard !actions.isEmpty else { throw InputError(description: "give at least one --action") }
            let document = try CommandSupport.loadPolicy(policy, type: policyType)
            let result = CustomChecks.accessNotGranted(policy: document, actions: actions, resources: resources,
                                                       timeoutMilliseconds: solver.timeoutMilliseconds)
            try CommandSupport.emit(format, json: { CustomCheckReport.json(result, check: "check-access-not-granted") },
                                text: { CustomCheckReport.text(result, check: "check-access-not-granted") })
            return CustomCheckReport.exitCode(result.outcome)
        }
    }
}
