import CFuzzerDriver
import Analysis
import Authorizer
import Environment
import Policy

/// libFuzzer entry point for the readers of snapshot and AWS CLI output files: the JSON
/// parser itself, the S3 settings readers (`get-public-access-block`, `get-bucket-acl`,
/// `get-bucket-ownership-controls`), the KMS grants reader (`list-grants`),
/// the request files of `rampart simulate`, and the snapshot folder loader (the input as one
/// file of a snapshot folder: see `SnapshotFolderFuzzing`).
///
/// Thrown errors are the expected outcome for bad input; only a trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) {
        // Walk the tree as the readers do, so every accessor sees every shape.
        walk(value)
    }
    _ = S3SettingsFileReader.publicAccessBlock(bytes: bytes, file: "fuzz")
    _ = S3SettingsFileReader.acl(bytes: bytes, file: "fuzz")
    _ = S3ObjectOwnership.read(bytes: bytes, file: "fuzz")
    _ = KMSGrantsReader.read(bytes: bytes, file: "fuzz", resource: "arn:aws:kms:us-east-1:111122223333:key/fuzz")
    _ = try? RequestFile.decode(bytes: bytes)
    SnapshotFolderFuzzing.run(bytes)
    return 0
}

private func walk(_ value: JSONValue) {
    _ = value.typeName
    _ = value.stringValue
    for member in value.members ?? [] { walk(member.value) }
    for element in value.elements ?? [] { walk(element) }
}

/// The program's entry point. SwiftPM links executables with `--defsym main=FuzzSnapshot_main`,
/// which would hide libFuzzer's own `main`, so this hands the command line to libFuzzer.
@_cdecl("FuzzSnapshot_main")
public func fuzzSnapshotMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return fuzzSnapshot(UnsafePointer(bitPattern: 1)!, 0) }
        return fuzzSnapshot(data, size)
    }
}
