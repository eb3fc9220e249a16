import Foundation

/// Reads the findings a detect stage wrote: `findings.jsonl.zst` (zstd or plain JSON lines).
public enum FindingsFile {
    /// The findings file for `path`: the path itself when it is a file, `findings.jsonl.zst` in it
    /// when it is a folder.
    public static func resolve(_ path: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return (path.hasSuffix("/") ? path : path + "/") + "findings.jsonl.zst"
        }
        return path
    }

    /// A warning when `path` is an output folder without `manifest.json`, or its `findings.jsonl.zst`:
    /// the night writing it has not finished (it is running, or failed or was stopped part-way), so
    /// the findings there may be an earlier night's; nil for a finished folder or a findings file of
    /// another name.
    public static func unfinishedWarning(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
            isFolder.boolValue || path.hasSuffix("/findings.jsonl.zst") || path == "findings.jsonl.zst",
            FileManager.default.fileExists(atPath: resolve(path)),
            !FileManager.default.fileExists(atPath: "\(folder(of: path))/manifest.json")
        else { return nil }
        return
            "\(folder(of: path)) has no manifest.json: the night writing it did not finish (it is running, or failed or was "
            + "stopped part-way), so these findings may be an earlier night's"
    }

    /// The folder holding the findings file at `path` (where `cases/` and `report.html` are).
    public static func folder(of path: String) -> String {
        let file = resolve(path)
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// Every finding in the file at `path` (a file or an output folder), in file order.
    public static func read(_ path: String) throws(KYCWatchError) -> [Finding] {
        let file = resolve(path)
        do throws(KYCWatchError) {
            return try decode(file).findings
        } catch  where error.code == .fileUnreadable {
            throw KYCWatchError(
                .fileUnreadable,
                "no findings file at \(file); give a findings.jsonl.zst or the output folder of `kycwatch run`",
                at: error.location)
        }
    }

    /// The findings in the JSON-lines file `file` (zstd or plain), in file order, with the SHA-256 of
    /// the file as stored; a line that is not a finding is ``KYCWatchError/Code/findingsMalformed``
    /// with its line number.
    public static func decode(_ file: String) throws(KYCWatchError) -> (findings: [Finding], sha256: String) {
        let reader = try InputFile.open(file)
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try reader.read(into: buffer)
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let decoder = JSONDecoder()
        var findings: [Finding] = []
        var line = 0
        for slice in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let finding: Finding
            do {
                finding = try decoder.decode(Finding.self, from: Data(slice))
            } catch {
                throw KYCWatchError(
                    .findingsMalformed, "line \(line) is not a kycwatch finding: \(Self.reason(error))",
                    at: SourceLocation(file: file, line: line))
            }
            // Dates are carried into tonight's findings and drafts: a value that is no date is refused here.
            for (name, value) in [
                ("first_seen", finding.firstSeen), ("knowledge_date", finding.knowledgeDate),
                ("report_due", finding.reportDue),
            ] {
                if let value, CalendarDay(value) == nil {
                    throw KYCWatchError(
                        .findingsMalformed, "line \(line): \(name) is not a date written YYYY-MM-DD",
                        at: SourceLocation(file: file, line: line))
                }
            }
            findings.append(finding)
        }
        return (findings, reader.storedSHA256())
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}
