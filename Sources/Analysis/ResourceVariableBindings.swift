import Policy

/// Values of the policy variables in a `Resource` pattern that make it match a given ARN:
/// `arn:aws:s3:::*-registry-${aws:RequestedRegion}` matches `arn:aws:s3:::team-registry-eu` when
/// `aws:RequestedRegion` is `eu`. Witness candidates state such values, so that a statement
/// whose resource depends on a key the caller sends yields a request on the resource in
/// question (not only on some other resource its pattern allows). Only candidates: every
/// candidate is still allowed by the Authorizer and confirmed by the solver.
enum ResourceVariableBindings {
    private enum Token: Equatable {
        case character(Character)
        case anyRun
        case anyOne
        case variable(String)
    }

    /// Variable values (by lowercased key) under which `pattern` matches `arn`, with `*` and `?`
    /// as wildcards and each variable a non-empty run (one key, one value); nil when there are
    /// none or `pattern` has no variable without a default.
    static func bindings(of pattern: String, matching arn: String) -> [String: String]? {
        var tokens: [Token] = []
        var hasVariable = false
        for part in PolicyVariableParser.parts(of: pattern) {
            switch part {
            case .text(let text):
                tokens += text.map { $0 == "*" ? .anyRun : $0 == "?" ? .anyOne : .character($0) }
            case .literal(let character):
                tokens.append(.character(character))
            case .variable(let key, nil):
                tokens.append(.variable(key.lowercased()))
                hasVariable = true
            case .variable:
                // A variable with a default takes a value too; any run stands for it here.
                tokens.append(.anyRun)
            }
        }
        guard hasVariable else { return nil }
        var bound: [String: String] = [:]
        var budget = 100_000
        return match(tokens[...], Array(arn)[...], &bound, &budget) ? bound : nil
    }

    private static func match(_ tokens: ArraySlice<Token>, _ subject: ArraySlice<Character>,
                              _ bound: inout [String: String], _ budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        guard let first = tokens.first else { return subject.isEmpty }
        let rest = tokens.dropFirst()
        switch first {
        case .character(let character):
            return subject.first == character && match(rest, subject.dropFirst(), &bound, &budget)
        case .anyOne:
            return !subject.isEmpty && match(rest, subject.dropFirst(), &bound, &budget)
        case .anyRun:
            var end = subject.startIndex
            while true {
                if match(rest, subject[end...], &bound, &budget) { return true }
                guard end < subject.endIndex else { return false }
                end += 1
            }
        case .variable(let key):
            if let value = bound[key] {
                let characters = Array(value)
                return subject.starts(with: characters) && match(rest, subject.dropFirst(characters.count), &bound, &budget)
            }
            var end = subject.startIndex
            while end < subject.endIndex {
                end += 1
                bound[key] = String(subject[subject.startIndex..<end])
                if match(rest, subject[end...], &bound, &budget) { return true }
            }
            bound[key] = nil
            return false
        }
    }
}
