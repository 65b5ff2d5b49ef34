"""The bucket through boto3: a target s3://BUCKET/PREFIX/, its objects and the manifest.

Credentials come only from where boto3 looks for them by itself: the standard AWS
environment variables, or a profile (AWS_PROFILE) of the shared files. The
manifest, a JSON object beside the site's files, says what the last deploy left
there; it is marked incomplete while a deploy runs, so one that was interrupted
is followed by a deploy that compares against a listing instead.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..config import DeploySettings
from .files import LocalFile

MANIFEST = ".site-builder-manifest.json"
_FORMAT = 1


class DeployError(Exception):
    """What stops a deploy, said for a person, with what to do."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class Target:
    bucket: str
    prefix: str  # "" or ends with "/"

    @classmethod
    def parse(cls, url: str) -> Target:
        parts = urlsplit(url)
        prefix = parts.path.strip("/")
        return cls(parts.netloc, prefix + "/" if prefix else "")

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


@dataclass
class Remote:
    """What is in the bucket under the prefix: entries by path, as the manifest has them
    (or, from a listing, only their MD5)."""

    files: dict[str, list[str]]
    from_manifest: bool


def client(settings: DeploySettings):  # noqa: ANN201 - a botocore client
    import boto3
    from botocore.config import Config as BotoConfig

    options = {"s3": {"addressing_style": "path"}} if settings.endpoint else {}
    return boto3.session.Session().client(
        "s3",
        endpoint_url=settings.endpoint or None,
        region_name=settings.region or None,
        config=BotoConfig(retries={"max_attempts": 4, "mode": "standard"}, **options),
    )


class Bucket:
    def __init__(self, s3, target: Target) -> None:  # noqa: ANN001 - a botocore client
        self.s3 = s3
        self.target = target

    def key(self, path: str) -> str:
        return self.target.prefix + path

    def remote(self) -> Remote:
        """The manifest of the last complete deploy, else a listing of the prefix."""
        manifest = self._manifest()
        if manifest is not None and manifest.get("complete") is True:
            files = manifest.get("files")
            if isinstance(files, dict):
                return Remote({k: list(v) for k, v in files.items()}, True)
        return Remote(self._listing(), False)

    def _manifest(self) -> dict | None:
        from botocore.exceptions import ClientError

        try:
            body = self.s3.get_object(Bucket=self.target.bucket, Key=self.key(MANIFEST))["Body"]
            data = json.loads(body.read())
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        except ValueError:
            return None  # damaged: list instead
        return data if isinstance(data, dict) and data.get("format") == _FORMAT else None

    def _listing(self) -> dict[str, list[str]]:
        """Every object under the prefix, with its MD5 (the ETag of a single-part upload);
        the folders of other sites deployed below this one are left alone."""
        found: dict[str, list[str]] = {}
        pages = self.s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.target.bucket, Prefix=self.target.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                path = item["Key"][len(self.target.prefix) :]
                found[path] = [item.get("ETag", "").strip('"')]
        others = [p[: -len(MANIFEST)] for p in found if p.endswith("/" + MANIFEST)]
        return {
            path: entry
            for path, entry in found.items()
            if path != MANIFEST and not any(path.startswith(o) for o in others)
        }

    def write_manifest(self, files: dict[str, list[str]], complete: bool) -> None:
        data = json.dumps(
            {"format": _FORMAT, "complete": complete, "files": files},
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")
        self.s3.put_object(
            Bucket=self.target.bucket,
            Key=self.key(MANIFEST),
            Body=data,
            ContentType="application/json; charset=utf-8",
            CacheControl="no-store",
        )

    def upload(self, file: LocalFile, data: bytes) -> None:
        extra = {"WebsiteRedirectLocation": file.redirect} if file.redirect else {}
        self.s3.put_object(
            Bucket=self.target.bucket,
            Key=self.key(file.path),
            Body=data,
            ContentType=file.content_type,
            CacheControl=file.cache_control,
            ContentMD5=_base64_md5(file.md5),
            **extra,
        )

    def delete(self, paths: list[str]) -> None:
        for start in range(0, len(paths), 1000):  # S3's limit for one request
            batch = [{"Key": self.key(p)} for p in paths[start : start + 1000]]
            answer = self.s3.delete_objects(
                Bucket=self.target.bucket, Delete={"Objects": batch, "Quiet": True}
            )
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise DeployError(
                    f"the bucket refused to delete {first.get('Key')}: {first.get('Message')}",
                    "check that the credentials may delete objects (s3:DeleteObject)",
                )


def _base64_md5(hex_md5: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_md5)).decode("ascii")
