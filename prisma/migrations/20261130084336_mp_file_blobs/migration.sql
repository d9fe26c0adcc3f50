-- CreateTable
CREATE TABLE "StoredBlob" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sizeBytes" INTEGER NOT NULL,
    "chunkCount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StoredBlobChunk" (
    "blobKey" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,

    PRIMARY KEY ("blobKey", "index"),
    CONSTRAINT "StoredBlobChunk_blobKey_fkey" FOREIGN KEY ("blobKey") REFERENCES "StoredBlob" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StoredBlob_createdAt_idx" ON "StoredBlob"("createdAt");

