import Foundation

/// The catalog's side of `ActionApplicability` — which of the services' catalog actions apply
/// to which parts of a question's scope — computed once per catalog, services and parts' forms
/// in this process. It does not depend on the resource's name beyond whether each part's ARN has
/// its form, nor on the policies (their own action names are added by `ActionApplicability`),
/// and reading every action's resource types took ~0.5 ms for S3 on every question.
final class ActionApplicabilityCache: @unchecked Sendable {
    static let shared = ActionApplicabilityCache()

    /// Entries kept before the cache is emptied and starts again (bounded memory in long scans).
    static let capacity = 1_024

    struct Key: Hashable {
        var catalog: UUID
        var services: [String]
        /// Each part's `RequestResourceScope.catalogForm`, and whether its ARNs have that form.
        var forms: [String]
        var formsMatched: [Bool]
    }

    struct Entry {
        /// The catalog actions that apply to some part (lowercased, catalog order).
        var domain: [String]
        /// For those that apply to some parts only: the parts.
        var parts: [String: [Bool]]
        /// Every catalog action of the services (lowercased).
        var catalogActions: Set<String>
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]

    /// The entry of `key`, computed by `compute` the first time.
    func entry(_ key: Key, compute: () -> Entry) -> Entry {
        lock.lock()
        if let cached = entries[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let entry = compute()
        lock.lock()
        if entries.count >= ActionApplicabilityCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = entry
        lock.unlock()
        return entry
    }
}
