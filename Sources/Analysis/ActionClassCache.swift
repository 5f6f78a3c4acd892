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
    }

    private let lock = NSLock()
    /// nil values are kept too: patterns past `GlobCombinations`' limits are not tried again.
    private var entries: [Key: ActionClasses?] = [:]

    /// The classes of `patterns` (lowercased, sorted), with the catalog's actions of `services`
    /// as preferred representatives; nil when they cannot be computed within the limits.
    func classes(patterns: [String], services: [String], catalog: ActionCatalog) -> ActionClasses? {
        let key = Key(patterns: patterns, services: services)
        lock.lock()
        if let cached = entries[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let preferred = services.flatMap { catalog.actions(ofService: $0) }.map { $0.lowercased() }
        let classes = ActionClasses(patterns: patterns, preferring: preferred)
        lock.lock()
        if entries.count >= ActionClassCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = .some(classes)
        lock.unlock()
        return classes
    }
}
