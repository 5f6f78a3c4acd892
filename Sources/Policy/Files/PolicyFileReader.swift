import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Why a file could not be read at all (as opposed to read and found malformed).
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case notFound
        case isDirectory
        /// A FIFO, socket or device: reading it could block or never end.
        case notRegularFile
        case unreadable(String)
        case tooLarge(limit: Int)
    }

    public var path: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .notFound: return "\(path): no such file"
        case .isDirectory: return "\(path): is a directory, not a policy file"
        case .notRegularFile: return "\(path): not a regular file (a FIFO, socket or device), not read"
        case .unreadable(let detail): return "\(path): cannot be read (\(detail))"
        case .tooLarge(let limit): return "\(path): larger than the limit of \(limit) bytes (maxDocumentBytes)"
        }
    }
}

/// Reads input files with a size cap, so a huge or endless file costs bounded memory. Only
/// regular files are read: the file is opened without blocking (a FIFO with no writer would
/// otherwise hang the open) and checked with `fstat` before anything is read.
public enum PolicyFileReader {
    /// A file named on the command line, as the AWS CLI names its JSON inputs: `-` is standard
    /// input (read once: a second `-` in the same command reads nothing), `file://PATH` is
    /// `PATH` (AWS CLI User Guide, "Loading AWS CLI parameters from a file"), anything else a
    /// path. The same limit applies to all three.
    public static func read(argument: String, limit: Int = InputLimits.standard.maxDocumentBytes) -> Result<[UInt8], FileReadError> {
        if argument == "-" { return readStandardInput(limit: limit) }
        return read(path: path(ofArgument: argument), limit: limit)
    }

    /// The path a command-line file argument names: `file://PATH` is `PATH`, percent-escapes
    /// decoded; anything else (`-` included) is itself.
    public static func path(ofArgument argument: String) -> String {
        guard argument.hasPrefix("file://") else { return argument }
        let path = String(argument.dropFirst("file://".count))
        return path.removingPercentEncoding ?? path
    }

    private static func readStandardInput(limit: Int) -> Result<[UInt8], FileReadError> {
        let handle = FileHandle.standardInput
        do {
            var bytes: [UInt8] = []
            while bytes.count <= limit {
                guard let chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - bytes.count)), !chunk.isEmpty else { break }
                bytes += chunk
            }
            if bytes.count > limit { return .failure(FileReadError(path: "-", reason: .tooLarge(limit: limit))) }
            return .success(bytes)
        } catch {
            return .failure(FileReadError(path: "-", reason: .unreadable(String(describing: error))))
        }
    }

    public static func read(path: String, limit: Int = InputLimits.standard.maxDocumentBytes) -> Result<[UInt8], FileReadError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR, ELOOP: return .failure(FileReadError(path: path, reason: .notFound))
            case EISDIR: return .failure(FileReadError(path: path, reason: .isDirectory))
            default: return .failure(FileReadError(path: path, reason: .unreadable(String(cString: strerror(code)))))
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            return .failure(FileReadError(path: path, reason: .unreadable(String(cString: strerror(code)))))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            close(descriptor)
            return .failure(FileReadError(path: path, reason: .isDirectory))
        default:
            close(descriptor)
            return .failure(FileReadError(path: path, reason: .notRegularFile))
        }
        // A regular file never blocks; clear O_NONBLOCK anyway so reads behave as usual.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        defer { close(descriptor) }
        // Read with `read(2)` into one buffer sized from the file's length (Foundation's
        // `FileHandle` cost a scan of 100,000 small files a noticeable share of its reading); a
        // file that grows while read is read on, up to one byte past the limit.
        var bytes = [UInt8](repeating: 0, count: min(max(Int(status.st_size), 0), limit) + 1)
        var count = 0
        while count <= limit {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: min(max(bytes.count, 1 << 16), limit + 1 - count)) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return .failure(FileReadError(path: path, reason: .unreadable(String(cString: strerror(errno)))))
            }
            if read == 0 { break }
            count += read
        }
        if count > limit { return .failure(FileReadError(path: path, reason: .tooLarge(limit: limit))) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}
