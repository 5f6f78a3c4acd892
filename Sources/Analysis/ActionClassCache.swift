import Authorizer
import Encoding
import Foundation

/// The action classes (`ActionClasses`) of external-access questions, computed once per set of
/// action patterns and resource services in this process: a scan asks about the same policy
/// templates again and again (and a template's canonical forms keep its actions), and the
/// classes of a many-pattern managed policy take milliseconds to compute.
///
/// ```swift
/// let classes = ActionClassCache.shared.classes(patterns: ["s3:*", "s3:get*"], services: ["s3"], catalog: .shipped)
/// classes?.representatives   // ["", "s3:abortmultipartupload", "s3:getobject"] — the catalog's first action in each class
/// ```
final class ActionClassCache: @unchecked Sendable {
    static let shared = ActionClassCache()

    /// Entries kept before the cache is emptied and starts again (bounded memory in long scans).
    static let capacity = 4_096

    private struct Key: Hashable {
        var patterns: [String]
        var services: [String]
        /// Over a closed domain (`ActionApplicability`): its actions and groups.
        var domain: [String]
        var groups: [ActionGroup]
    }

    private let lock = NSLock()
    /// nil values are kept too: patterns past `GlobCombinations`' limits are not tried again.
    private var entries: [Key: ActionClasses?] = [:]

    /// The classes of `patterns` (lowercased, sorted), with the catalog's actions of `services`
    /// as preferred representatives; nil when they cannot be computed within the limits.
    ///
    /// With `applicability`, the classes of its domain's actions, over the patterns and its groups
    /// (`ActionClasses.init(patterns:domain:groups:)`).
    func classes(patterns: [String], services: [String], catalog: ActionCatalog,
                 applicability: ActionApplicability? = nil) -> ActionClasses? {
        let key = Key(patterns: patterns, services: services, domain: applicability?.domain ?? [],
                      groups: applicability?.groups ?? [])
        lock.lock()
        if let cached = entries[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let classes: ActionClasses?
        if let applicability {
            classes = ActionClasses(patterns: patterns, domain: applicability.domain, groups: applicability.groups)
        } else {
            let preferred = services.flatMap { catalog.actions(ofService: $0) }.map { $0.lowercased() }
            classes = ActionClasses(patterns: patterns, preferring: preferred)
        }
        lock.lock()
        if entries.count >= ActionClassCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = .some(classes)
        lock.unlock()
        return classes
    }
}
