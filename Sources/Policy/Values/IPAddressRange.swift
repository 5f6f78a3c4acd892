/// An IPv4 or IPv6 address range in CIDR notation, as `IpAddress`/`NotIpAddress`
/// conditions use (IAM User Guide, "IP address condition operators": RFC 4632 notation;
/// a bare address means a /32 or /128).
///
/// ```swift
/// IPAddressRange(parsing: "203.0.113.0/24")?.contains(IPAddressRange(parsing: "203.0.113.7")!.address)  // true
/// ```
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The address as 16 bytes (IPv4 stored in the low 4 bytes with `isIPv4` set).
    public var address: IPAddress
    public var prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parsing: String(parts[0])) else { return nil }
        let maxPrefix = address.isIPv4 ? 32 : 128
        var prefix = maxPrefix
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.count <= 3, parts[1].allSatisfy(\.isASCII),
                  let value = Int(parts[1]), value >= 0, value <= maxPrefix
            else { return nil }
            prefix = value
        }
        self.init(address: address, prefixLength: prefix)
    }

    /// Whether `other` lies in this range (an IPv4 range never contains an IPv6 address and vice versa).
    public func contains(_ other: IPAddress) -> Bool {
        guard other.isIPv4 == address.isIPv4 else { return false }
        let bits = address.isIPv4 ? 32 : 128
        let offset = address.isIPv4 ? 96 : 0
        var remaining = prefixLength
        var bit = offset
        while remaining > 0 && bit < offset + bits {
            let byteIndex = bit / 8
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if address.bytes[byteIndex] & mask != other.bytes[byteIndex] & mask { return false }
            remaining -= take
            bit += 8
        }
        return true
    }

    public var description: String { "\(address)/\(prefixLength)" }
}

/// An IPv4 or IPv6 address.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 16 bytes; IPv4 addresses occupy the last 4.
    public var bytes: [UInt8]
    public var isIPv4: Bool

    public init?(parsing text: String) {
        if text.contains(":") {
            guard let bytes = IPAddress.parseIPv6(text) else { return nil }
            self.bytes = bytes
            self.isIPv4 = false
        } else {
            guard let four = IPAddress.parseIPv4(text) else { return nil }
            self.bytes = Array(repeating: 0, count: 12) + four
            self.isIPv4 = true
        }
    }

    private static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = UInt8(part) else { return nil }
            result.append(value)
        }
        return result
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let four = parseIPv4(String(piece)) else { return nil }
                    bytes += four
                    continue
                }
                guard !piece.isEmpty, piece.utf8.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 {
            return head.count == 16 ? head : nil
        }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    public var description: String {
        if isIPv4 { return bytes[12...].map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
