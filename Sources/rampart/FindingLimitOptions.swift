import Analysis
import ArgumentParser

/// `--max-findings`: how many findings one resource's enumeration gives at most, on the
/// commands that enumerate findings (`check`, `check-no-public-access`, `scan`, `iac`). Past it the
/// answer is marked incomplete (`complete: false`, with the reason), never complete or safe.
struct FindingLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-findings"),
            help: "Findings per resource at most (default \(AnalysisOptions().maximumFindings)): past it the resource's answer is marked incomplete, never safe. Raise it for policies that grant many distinct outside principals.")
    var maximumFindings: Int = AnalysisOptions().maximumFindings

    func validate() throws {
        if maximumFindings < 1 { throw ValidationError("--max-findings must be at least 1") }
    }
}
