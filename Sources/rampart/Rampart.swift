import ArgumentParser
import Foundation
import Z3

/// The `rampart` command: one subcommand per file in this folder, each thin.
@main
struct Rampart: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rampart",
        abstract: "Prove whether any principal outside a zone of trust can reach an AWS resource.",
        version: "rampart \(version) (Z3 \(Z3Version.current))",
        subcommands: [ValidateCommand.self, SimulateCommand.self, CheckCommand.self, CheckNoPublicAccessCommand.self, CheckAccessNotGrantedCommand.self, CheckNoNewAccessCommand.self, ScanCommand.self, IaCCommand.self, WhoCanCommand.self, WhatCanCommand.self]
    )

    /// Runs the command. An argument error (an unknown option, a missing or malformed value) is
    /// a usage error and exits 2, like every other usage or input error of every command
    /// (docs/CLI.md, "Exit status"), not the argument parser's own 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
