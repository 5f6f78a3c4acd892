import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif

/// A new file written in order through a fixed buffer: a report is handed over in pieces as it
/// is rendered, so no whole document has to be held in memory. Errors carry the path the user
/// knows the file by (`displayPath`), not the run folder's.
///
/// ```swift
/// let writer = try ReportFileWriter(path: "out/.rampart/run-1/report.md", displayPath: "out/report.md")
/// try writer.write("# Rampart scan\n")
/// try writer.close()
/// ```
final class ReportFileWriter {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    let displayPath: String

    init(path: String, displayPath: String) throws {
        self.displayPath = displayPath
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReportFiles.WriteError(description: "\(displayPath): cannot write (\(String(cString: strerror(errno))))") }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: $0) }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write(bytes: $0.bindMemory(to: UInt8.self)) }
    }

    func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write(bytes: $0) }
    }

    private func write(bytes: UnsafeBufferPointer<UInt8>) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeOut(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { try writeOut($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; a failed close (the data may not be on disk) is an error.
    func close() throws {
        try flush()
        let result = systemClose(descriptor)
        descriptor = -1
        guard result == 0 else { throw failure() }
    }

    private func writeOut(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            offset += written
        }
    }

    private func failure() -> ReportFiles.WriteError {
        ReportFiles.WriteError(description: "\(displayPath): cannot write (\(String(cString: strerror(errno))))")
    }
}
