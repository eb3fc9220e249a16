import Foundation
import Glibc
import Synchronization

/// A stage's hold on its output folder: an exclusive `flock` on `.kycwatch.lock` there, kept until
/// the lock is released, so two runs started on one folder (a retried job beside a slow one) cannot
/// mix their outputs; the second is refused at once.
///
/// Holding the lock, the stage also removes the temporary files of an earlier run that was killed
/// while writing (`.findings.jsonl.zst.tmp-…`): no other run can be writing them. The lock file
/// goes when the lock is released.
public final class OutputFolderLock {
    /// The lock file's name in the folder.
    static let fileName = ".kycwatch.lock"
    /// The folders this process holds the lock of now.
    private static let held = Mutex<[String]>([])
    private let folder: String
    private let path: String
    private let descriptor: Int32

    /// Takes the lock on `folder`, which must exist; an error when another process holds it.
    init(folder: String) throws(KYCWatchError) {
        self.folder = folder
        path = "\(folder)/\(Self.fileName)"
        while true {
            let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw KYCWatchError(
                    .writeFailed, "cannot create the folder's lock file: \(systemErrorDescription(errno))",
                    at: SourceLocation(file: path))
            }
            guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
                let reason = errno
                close(opened)
                if reason == EWOULDBLOCK {
                    throw KYCWatchError(
                        .outputFolderBusy,
                        "another kycwatch is writing this folder now; wait for it to finish, or name another output "
                            + "folder", at: SourceLocation(file: folder))
                }
                throw KYCWatchError(
                    .writeFailed, "cannot lock the output folder: \(systemErrorDescription(reason))",
                    at: SourceLocation(file: path))
            }
            // The holder before removes the file as it lets go: a lock on a file no longer at the path
            // keeps nobody out, so take the one that is there.
            var held = stat()
            var current = stat()
            if fstat(opened, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino,
                held.st_dev == current.st_dev
            {
                descriptor = opened
                break
            }
            close(opened)
        }
        Self.removeUnfinishedFiles(in: folder)
        Self.removeUnfinishedFiles(in: "\(folder)/cases")
        Self.held.withLock { $0.append(folder) }
    }

    /// Removes the lock file, then lets go of it: the folder holds only outputs afterwards.
    deinit {
        Self.held.withLock { folders in
            if let index = folders.firstIndex(of: folder) { folders.remove(at: index) }
        }
        unlink(path)
        close(descriptor)
    }

    /// Removes the temporary files and the lock file of every folder this process holds the lock of,
    /// for a process stopped by a signal before its stage ended: the folder is left with the outputs
    /// already in place and no manifest, as the next run there would clear it, and no sign of a run in
    /// progress. Folders another process holds are not touched.
    public static func abandonHeld() {
        for folder in held.withLock({ $0 }) {
            removeUnfinishedFiles(in: folder)
            removeUnfinishedFiles(in: "\(folder)/cases")
            unlink("\(folder)/\(fileName)")
        }
    }

    /// Removes what ``OutputFile`` leaves when its process is killed before renaming: `.NAME.tmp-XXXXXX`.
    private static func removeUnfinishedFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where OutputFile.isTemporaryName(name) {
            unlink("\(folder)/\(name)")
        }
    }
}
