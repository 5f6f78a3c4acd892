import CFuzzerDriver
import Policy

/// libFuzzer entry point: one input is one policy document, read as every policy type and
/// once with the type inferred, so the JSON parser, the reader, the validator's per-type
/// checks and the size/character quotas all see it; the inferred result is rendered as
/// `rampart validate` renders it (text and JSON).
///
/// Any trap (overflow, index out of range, force-unwrap) is a finding; returning normally
/// with diagnostics is the expected outcome for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for type in PolicyType.allCases {
        _ = PolicyParser.parse(bytes: bytes, source: "fuzz", type: type)
    }
    let inferred = PolicyParser.parse(bytes: bytes, source: "fuzz", type: nil)
    let validation = FileValidation(file: "fuzz", policyType: inferred.type, policyTypeInferred: true,
                                    readError: nil, diagnostics: inferred.diagnostics)
    _ = validation.diagnosticLines
    return 0
}

/// The program's entry point. SwiftPM links executables with `--defsym main=FuzzPolicy_main`,
/// which would hide libFuzzer's own `main`, so this hands the command line to libFuzzer.
@_cdecl("FuzzPolicy_main")
public func fuzzPolicyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return fuzzPolicy(UnsafePointer(bitPattern: 1)!, 0) }
        return fuzzPolicy(data, size)
    }
}
