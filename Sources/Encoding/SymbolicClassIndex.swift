import Authorizer
import Z3

/// Strings split into finitely many classes by their membership in some glob patterns: the
/// realizable membership vectors (`GlobCombinations`), with one string standing for each class.
/// `ActionClasses` and `ResourceClasses` are the two the encoding uses.
protocol StringPartition: Sendable {
    /// One vector per class, over the partition's patterns in order.
    var vectors: [[Bool]] { get }
    /// For each class, a string with exactly its vector.
    var representatives: [String] { get }
    /// The class of `subject`, or nil when its vector is not one of `vectors`.
    func classIndex(of subject: String) -> Int?
}

/// For each vector, the first of `preferred` (already in the partition's case) whose vector it
/// is, else the exploration's shortest string: real names make readable witnesses.
func representatives(_ combinations: [GlobCombinations.Combination], preferring preferred: [String],
                     vector: (String) -> [Bool]) -> [String] {
    var result = combinations.map(\.witness)
    var unset = Dictionary(uniqueKeysWithValues: combinations.enumerated().map { ($1.vector, $0) })
    for name in preferred where !unset.isEmpty {
        if let index = unset.removeValue(forKey: vector(name)) { result[index] = name }
    }
    return result
}

/// A partition in one Z3 context: a bit-vector class index, and each pattern's membership as
/// the disjunction of the indices whose vector has it. The request's string field (`action`,
/// `resource`) is then read only by pins and by the decoder.
struct SymbolicClassIndex<Key: Hashable> {
    let partition: any StringPartition
    /// The class index.
    let index: Z3BitVector
    /// The index names a class (there may be fewer classes than `2^width`).
    let valid: Z3Bool
    private let memberships: [Key: Z3Bool]
    private let what: String

    /// - Parameters:
    ///   - keys: the pattern of each vector position.
    ///   - constant: patterns whose membership is known on every request asked about.
    init(_ partition: any StringPartition, keys: [Key], constant: [Key: Bool] = [:], name: String, context: Z3Context) throws {
        self.partition = partition
        what = name
        let count = partition.vectors.count
        var width: UInt32 = 1
        while (1 << width) < count { width += 1 }
        let variable = try context.bitVectorVariable("request.\(name)Class", width: width)
        index = variable
        valid = count == 1 << width ? try context.bool(true) : try variable.ult(context.bitVector(UInt64(count), width: width))
        let indexIs = try (0..<count).map { try variable.equals(context.bitVector(UInt64($0), width: width)) }
        var terms: [Key: Z3Bool] = [:]
        let vectors = partition.vectors
        for (position, key) in keys.enumerated() {
            terms[key] = try context.or(vectors.indices.filter { vectors[$0][position] }.map { indexIs[$0] })
        }
        for (key, value) in constant where terms[key] == nil { terms[key] = try context.bool(value) }
        memberships = terms
    }

    /// The membership of the field in `key`'s pattern; throws for a pattern the classes were
    /// not computed for (the formula would then not be exact).
    func matches(_ key: Key) throws -> Z3Bool {
        guard let term = memberships[key] else {
            throw EncodingError.unsupported("a \(what) pattern outside the precomputed \(what) classes: \(key)")
        }
        return term
    }

    /// The class of `subject`, for pins (false when its vector is not realizable).
    func pin(_ subject: String) throws -> Z3Bool {
        guard let value = partition.classIndex(of: subject) else { return try index.context.bool(false) }
        return try index.equals(index.context.bitVector(UInt64(value), width: index.width))
    }

    /// The field's value in a model: the string the model gives when it is in the model's class
    /// (a pinned value), else the class's representative.
    func decode(_ model: Z3Model, string: String) throws -> String {
        let value = Int(clamping: try model.value(of: index))
        guard value < partition.vectors.count else {
            throw EncodingError.unsupported("a model with \(what) class \(value) of \(partition.vectors.count)")
        }
        if !string.isEmpty && partition.classIndex(of: string) == value { return string }
        return partition.representatives[value]
    }
}
