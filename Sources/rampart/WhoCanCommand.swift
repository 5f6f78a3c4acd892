import Analysis
import Environment
import ArgumentParser
import Findings
import Foundation
import Reports

/// `rampart who-can MODEL --resource ARN`: every principal, inside and outside the zone, that can
/// reach one resource, directly or through chains of roles (docs/CLI.md).
struct WhoCanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "Every principal, inside and outside the zone of trust, that can reach a resource directly or through roles.",
        discussion: """
            Exit status: 0 nothing outside the zone reaches it (proved), 1 something outside reaches it (directly or through \
            roles), 3 unproven (a question past its bound, a document not read), 2 usage or input error.
            """
    )

    @OptionGroup var paths: AccessPathOptions
    @Option(help: "The resource's ARN (a resource of the snapshot).") var resource: String
    @OptionGroup var solver: SolverOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            // Only this resource's own files beside the identity side: no other resource is a
            // hop of its paths (roles are read with the identity side).
            let model = try paths.load(resources: .only(resource))
            let options = AnalysisOptions(timeoutMilliseconds: solver.timeoutMilliseconds)
            guard let answer = try model.whoCan(resource: resource, actions: paths.actionPatterns, options: options,
                                                workers: max(1, ProcessInfo.processInfo.activeProcessorCount)) else {
                throw InputError(description: "--resource \(resource): the snapshot has no such resource")
            }
            try CommandSupport.emit(format, json: { AccessPathReport.whoCanJSON(answer) }, text: { AccessPathReport.whoCanText(answer) })
            let through = answer.outsideThroughRoles
            if answer.outsideDirect.status == .externalAccess || through?.path != nil { return 1 }
            let unproven = answer.outsideDirect.status == .unproven || answer.outsideDirect.status == .error
                || !(through?.unproven.isEmpty ?? true) || answer.inside.values.contains { $0.path == nil }
            return unproven ? 3 : 0
        }
    }
}
