import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Validate IAM policy documents.")
    @Argument(help: "Policy files.") var files: [String]
    func run() throws {}
}
