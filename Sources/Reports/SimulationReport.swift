import Authorizer
import Foundation

/// `rampart simulate`'s output (docs/SIMULATE.md): the decision, why, and the statements that
/// decided it.
public enum SimulationReport {
    /// `Allow`, `ExplicitDeny` or `ImplicitDeny (reason)`, then one line per matched statement.
    public static func text(_ decision: Decision) -> String {
        var lines = [decision.outcome.rawValue + (decision.reason.map { " (\($0.rawValue))" } ?? "")]
        for statement in decision.matchedStatements {
            let sid = statement.sid.map { " Sid \"\($0)\"" } ?? ""
            lines.append("  \(statement.effect.rawValue) \(statement.role.rawValue) \(statement.policy) statement #\(statement.statementIndex)\(sid)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"decision", "reason", "matchedStatements": [{"policy", "role", "statementIndex", "sid", "effect"}]}`;
    /// an absent reason or Sid is `null`.
    struct Document: Encodable {
        struct Statement: Encodable {
            var policy: String
            var role: String
            var statementIndex: Int
            var sid: String?
            var effect: String

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(policy, forKey: .policy)
                try container.encode(role, forKey: .role)
                try container.encode(statementIndex, forKey: .statementIndex)
                try container.encode(sid, forKey: .sid)
                try container.encode(effect, forKey: .effect)
            }

            enum CodingKeys: String, CodingKey { case policy, role, statementIndex, sid, effect }
        }

        var decision: String
        var reason: String?
        var matchedStatements: [Statement]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(decision, forKey: .decision)
            try container.encode(reason, forKey: .reason)
            try container.encode(matchedStatements, forKey: .matchedStatements)
        }

        enum CodingKeys: String, CodingKey { case decision, reason, matchedStatements }
    }

    public static func json(_ decision: Decision) -> String {
        ReportJSON.encode(Document(
            decision: decision.outcome.rawValue, reason: decision.reason?.rawValue,
            matchedStatements: decision.matchedStatements.map {
                Document.Statement(policy: $0.policy, role: $0.role.rawValue, statementIndex: $0.statementIndex, sid: $0.sid,
                                   effect: $0.effect.rawValue)
            }))
    }
}
