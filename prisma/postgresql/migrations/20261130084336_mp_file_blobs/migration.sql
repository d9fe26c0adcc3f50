-- CreateTable
CREATE TABLE "StoredBlob" (
    "key" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "chunkCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredBlob_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "StoredBlobChunk" (
    "blobKey" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "StoredBlobChunk_pkey" PRIMARY KEY ("blobKey","index")
);

-- CreateIndex
CREATE INDEX "StoredBlob_createdAt_idx" ON "StoredBlob"("createdAt");

-- AddForeignKey
ALTER TABLE "StoredBlobChunk" ADD CONSTRAINT "StoredBlobChunk_blobKey_fkey" FOREIGN KEY ("blobKey") REFERENCES "StoredBlob"("key") ON DELETE CASCADE ON UPDATE CASCADE;

