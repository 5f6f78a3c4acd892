/// A position in a source document: 1-based line and column (columns count
/// Unicode scalars) plus the 0-based UTF-8 byte offset.
public struct SourcePosition: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)
}

/// One step in a JSON path: an object key or an array index.
public enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// A JSON path such as `$.Statement[0].Condition.StringEquals`, used to point
/// diagnostics and findings at the element they are about.
///
/// Every element of a parsed policy keeps its path, and a path shares its parent's steps: it is
/// its last step and a reference to the path it was appended to (`appending`), so the paths of
/// a policy's elements hold one step each rather than a copy of every step above them (an
/// organization's snapshot keeps millions of them). Paths compare and hash by their steps.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step and the steps before it.
    private final class Step: Sendable {
        let parent: Step?
        let component: JSONPathComponent
        let depth: Int

        init(parent: Step?, component: JSONPathComponent) {
            self.parent = parent
            self.component = component
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Step?

    private init(last: Step?) { self.last = last }

    public init(_ components: [JSONPathComponent] = []) {
        var last: Step?
        for component in components { last = Step(parent: last, component: component) }
        self.last = last
    }

    /// The steps from the root.
    public var components: [JSONPathComponent] {
        var components: [JSONPathComponent] = []
        components.reserveCapacity(last?.depth ?? 0)
        var step = last
        while let current = step {
            components.append(current.component)
            step = current.parent
        }
        return components.reversed()
    }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(last: Step(parent: last, component: .key(key))) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(last: Step(parent: last, component: .index(index))) }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool {
        var left = lhs.last, right = rhs.last
        while true {
            if left === right { return true }
            guard let l = left, let r = right, l.depth == r.depth, l.component == r.component else { return false }
            left = l.parent
            right = r.parent
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(last?.depth ?? 0)
        var step = last
        while let current = step {
            hasher.combine(current.component)
            step = current.parent
        }
    }

    /// `$`, then `.Key` for plain keys, `['odd key']` for keys that are not identifiers, `[n]` for indices.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                let isPlain = !key.isEmpty && key.unicodeScalars.allSatisfy {
                    ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == ":" || $0 == "-")
                        && $0 != "."
                }
                if isPlain {
                    text += ".\(key)"
                } else {
                    text += "['" + key.replacingOccurrences(of: "'", with: "\\'") + "']"
                }
            }
        }
        return text
    }
}

/// Where an element of a policy came from: its JSON path and, when the document
/// was parsed from text, its line and column.
public struct SourceLocation: Hashable, Sendable {
    public var path: JSONPath
    public var position: SourcePosition?

    public init(path: JSONPath, position: SourcePosition? = nil) {
        self.path = path
        self.position = position
    }

    public static let document = SourceLocation(path: .root, position: nil)
}
