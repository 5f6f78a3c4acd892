import Policy

/// A CLI output whose objects repeat a key (`{"Policy": A, "Policy": B}`) can be read more than
/// one way, and the AWS CLI never prints one: which occurrence is the real one is unknown. So
/// every way of keeping one occurrence of each repeated key is a reading of the file, and what
/// the file says about a resource is judged on all of them together — never on one chosen
/// occurrence, which might be the more private one.
enum DuplicateKeyReadings {
    /// Most readings of one file; beyond it the file is reported as unreadable.
    static let maximumReadings = 16

    struct Duplicate {
        var path: JSONPath
        var key: String
        var occurrences: Int
        var position: SourcePosition
    }

    /// Every object member key that occurs more than once, with the object's path.
    static func duplicates(in value: JSONValue, path: JSONPath = .root) -> [Duplicate] {
        // Almost no output repeats a key: asked first without building a path per member (that
        // walk was ~5 % of reading a 25,000-principal identity side).
        guard repeatsAKey(value) else { return [] }
        return allDuplicates(in: value, path: path)
    }

    /// Whether some object within `value` repeats a member key.
    static func repeatsAKey(_ value: JSONValue) -> Bool {
        switch value.kind {
        case .object(let members):
            if members.count > 16 {
                var seen = Set<String>(minimumCapacity: members.count)
                for member in members where !seen.insert(member.key).inserted { return true }
            } else if members.count > 1 {
                for later in 1..<members.count {
                    for earlier in 0..<later where members[earlier].key == members[later].key { return true }
                }
            }
            return members.contains { repeatsAKey($0.value) }
        case .array(let elements):
            return elements.contains { repeatsAKey($0) }
        default:
            return false
        }
    }

    static func allDuplicates(in value: JSONValue, path: JSONPath) -> [Duplicate] {
        switch value.kind {
        case .object(let members):
            var found: [Duplicate] = []
            var counts: [String: Int] = [:]
            for member in members { counts[member.key, default: 0] += 1 }
            var reported = Set<String>()
            for member in members where (counts[member.key] ?? 0) > 1 && !reported.contains(member.key) {
                reported.insert(member.key)
                found.append(Duplicate(path: path, key: member.key, occurrences: counts[member.key] ?? 0, position: member.keyPosition))
            }
            for member in members {
                // Each occurrence's own value is searched, under the same path.
                found += allDuplicates(in: member.value, path: path.appending(member.key))
            }
            return found
        case .array(let elements):
            return elements.enumerated().flatMap { allDuplicates(in: $0.element, path: path.appending($0.offset)) }
        default:
            return []
        }
    }

    /// The readings of `value`: itself when no key repeats; otherwise every choice of one
    /// occurrence per repeated key (kept at the place of the key's first occurrence). Nil when
    /// there would be more than `maximumReadings`.
    static func readings(of value: JSONValue) -> [JSONValue]? {
        switch value.kind {
        case .object(let members):
            var keys: [String] = []
            var occurrences: [String: [JSONMember]] = [:]
            for member in members {
                if occurrences[member.key] == nil { keys.append(member.key) }
                occurrences[member.key, default: []].append(member)
            }
            var partial: [[JSONMember]] = [[]]
            for key in keys {
                var options: [JSONMember] = []
                for member in occurrences[key] ?? [] {
                    guard let values = readings(of: member.value) else { return nil }
                    options += values.map { JSONMember(key: key, keyPosition: member.keyPosition, value: $0) }
                }
                guard partial.count * options.count <= maximumReadings else { return nil }
                if options.count == 1 {
                    for index in partial.indices { partial[index].append(options[0]) }
                } else {
                    partial = partial.flatMap { prefix in options.map { prefix + [$0] } }
                }
            }
            return partial.map { JSONValue(.object($0), at: value.position) }
        case .array(let elements):
            var partial: [[JSONValue]] = [[]]
            for element in elements {
                guard let options = readings(of: element) else { return nil }
                guard partial.count * options.count <= maximumReadings else { return nil }
                if options.count == 1 {
                    for index in partial.indices { partial[index].append(options[0]) }
                } else {
                    partial = partial.flatMap { prefix in options.map { prefix + [$0] } }
                }
            }
            return partial.map { JSONValue(.array($0), at: value.position) }
        default:
            return [value]
        }
    }
}
