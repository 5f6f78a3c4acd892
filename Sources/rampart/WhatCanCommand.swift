import ArgumentParser
import Findings
import Reports

/// `rampart what-can MODEL --principal ARN`: every resource one user or role of the snapshot
/// reaches, directly or through chains of roles (docs/CLI.md).
struct WhatCanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-can",
        abstract: "Every resource a user or role of the snapshot can reach, directly or through roles.",
        discussion: "Exit status: 0 every answer proved, 3 some reach unproven (a question past its bound, a document not read), 2 usage or input error."
    )

    @OptionGroup var paths: AccessPathOptions
    @Option(help: "The user's or role's ARN (arn:aws:iam::ACCOUNT:user/NAME or role/NAME).") var principal: String
    @OptionGroup var solver: SolverOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            let model = try paths.load()
            guard let result = model.whatCan(principal: principal, actions: paths.actionPatterns, timeoutMilliseconds: solver.timeoutMilliseconds)
            else {
                throw InputError(description: "--principal \(principal): the snapshot has no such user or role")
            }
            try CommandSupport.emit(format, json: { AccessPathReport.whatCanJSON(principal: principal, result: result) },
                                    text: { AccessPathReport.whatCanText(principal: principal, result: result) })
            let unproven = result.reaches.contains { $0.path == nil } || result.roles.values.contains { !$0.isProved }
            return unproven ? 3 : 0
        }
    }
}
