import ArgumentParser
import Z3

/// The `rampart` command: one subcommand per file in this folder, each thin.
@main
struct Rampart: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rampart",
        abstract: "Prove whether any principal outside a zone of trust can reach an AWS resource.",
        version: "rampart \(version) (Z3 \(Z3Version.current))",
        subcommands: [ValidateCommand.self, SimulateCommand.self, CheckCommand.self, CheckNoPublicAccessCommand.self, CheckAccessNotGrantedCommand.self, CheckNoNewAccessCommand.self, ScanCommand.self]
    )
}
