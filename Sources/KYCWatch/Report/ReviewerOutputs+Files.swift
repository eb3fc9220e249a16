extension ReviewerOutputs {
    /// `report.html` and the case drafts of a night, made in memory and not yet written.
    ///
    /// Making them is most of the work and can run beside writing the findings; writing them after
    /// the findings files keeps the order in which a night's files appear.
    public struct Files: Sendable {
        /// One case draft: `cases/<finding-id>.json` and `.md`.
        public struct Draft: Sendable {
            /// The finding the draft is for.
            public var findingID: String
            /// The draft as pretty JSON, with a final newline.
            public var json: [UInt8]
            /// The draft as Markdown.
            public var markdown: [UInt8]
            /// The rows of `cases/<finding-id>.access.csv`, a header first; nil when the night writes none.
            public var accessLog: [[String]]?
        }

        /// The bytes of `report.html`, in parts written one after another.
        public var report: [[UInt8]]
        /// The findings the report shows, its rows in the manifest.
        public var rows: Int
        /// The case drafts, by finding id.
        public var drafts: [Draft]

        /// Writes `report.html` and `cases/` into `folder` and returns them as manifest outputs, the
        /// report first.
        ///
        /// Drafts left in `cases/` by an earlier night for findings not covered tonight are removed, so
        /// the folder holds tonight's drafts only.
        public func write(into folder: String) throws(KYCWatchError) -> [StageManifest.Output] {
            let casesFolder = "\(folder)/cases"
            try NormalizeStage.makeFolder(casesFolder)
            var outputs: [StageManifest.Output] = []
            var written: Set<String> = []
            for draft in drafts {
                for (name, bytes) in [
                    ("\(draft.findingID).json", draft.json), ("\(draft.findingID).md", draft.markdown),
                ] {
                    outputs.append(try ReviewerOutputs.writeFile("\(casesFolder)/\(name)", [bytes], rows: 1))
                    written.insert(name)
                }
                if let rows = draft.accessLog {
                    let name = ReviewerOutputs.accessLogName(of: draft.findingID)
                    let writer = CSVWriter(destination: try OutputFile(path: "\(casesFolder)/\(name)"))
                    for row in rows { try writer.writeRow(row) }
                    try writer.finish()
                    outputs.append(try NormalizeStage.describeOutput("\(casesFolder)/\(name)", rows: rows.count - 1))
                    written.insert(name)
                }
            }
            try ReviewerOutputs.removeStaleDrafts(in: casesFolder, keeping: written)
            outputs.insert(try ReviewerOutputs.writeFile("\(folder)/report.html", report, rows: rows), at: 0)
            return outputs
        }
    }
}
