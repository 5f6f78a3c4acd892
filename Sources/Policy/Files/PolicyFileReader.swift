import Foundation

/// Why a file could not be read at all (as opposed to read and found malformed).
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case notFound
        case isDirectory
        case unreadable(String)
        case tooLarge(limit: Int)
    }

    public var path: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .notFound: return "\(path): no such file"
        case .isDirectory: return "\(path): is a directory, not a policy file"
        case .unreadable(let detail): return "\(path): cannot be read (\(detail))"
        case .tooLarge(let limit): return "\(path): larger than the limit of \(limit) bytes (maxDocumentBytes)"
        }
    }
}

/// Reads input files with a size cap, so a huge or endless file (a FIFO, `/dev/zero`)
/// costs bounded memory.
public enum PolicyFileReader {
    public static func read(path: String, limit: Int = InputLimits.standard.maxDocumentBytes) -> Result<[UInt8], FileReadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(FileReadError(path: path, reason: .notFound))
        }
        if isDirectory.boolValue { return .failure(FileReadError(path: path, reason: .isDirectory)) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(FileReadError(path: path, reason: .unreadable("permission denied or not a regular file")))
        }
        defer { try? handle.close() }
        do {
            var bytes: [UInt8] = []
            while bytes.count <= limit {
                guard let chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - bytes.count)), !chunk.isEmpty else { break }
                bytes += chunk
            }
            if bytes.count > limit { return .failure(FileReadError(path: path, reason: .tooLarge(limit: limit))) }
            return .success(bytes)
        } catch {
            return .failure(FileReadError(path: path, reason: .unreadable(String(describing: error))))
        }
    }
}
