"""boto3's errors as a person reads them: what went wrong, and what to do."""

from __future__ import annotations

from .bucket import DeployError

_CREDENTIALS_FIX = (
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (a CI secret), "
    "or AWS_PROFILE for a profile of ~/.aws/credentials; never in config.yaml"
)

_CODES = {
    "NoSuchBucket": ("the bucket does not exist", "create it, or fix deploy.target"),
    "AccessDenied": (
        "the storage refused access",
        "give the credentials s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject",
    ),
    "InvalidAccessKeyId": ("the access key is not known to the storage", _CREDENTIALS_FIX),
    "SignatureDoesNotMatch": ("the secret key does not match the access key", _CREDENTIALS_FIX),
    "PermanentRedirect": ("the bucket is in another region", "set deploy.region to its region"),
}


def explained(error: BaseException) -> DeployError | None:
    """A DeployError for the errors a user can fix; None for a bug."""
    if isinstance(error, DeployError):
        return error
    try:
        from botocore import exceptions
    except ImportError:  # pragma: no cover - boto3 is a dependency
        return None
    if isinstance(error, (exceptions.NoCredentialsError, exceptions.PartialCredentialsError)):
        return DeployError("no credentials for the storage were found", _CREDENTIALS_FIX)
    if isinstance(error, exceptions.ProfileNotFound):
        return DeployError(str(error), "set AWS_PROFILE to a profile of ~/.aws/credentials")
    if isinstance(error, (exceptions.EndpointConnectionError, exceptions.ConnectTimeoutError)):
        return DeployError(
            f"the storage could not be reached: {error}",
            "check deploy.endpoint and the network, then run deploy again",
        )
    if isinstance(error, exceptions.ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message", "") or code
        what, fix = _CODES.get(code, (f"the storage answered {code}: {message}", ""))
        return DeployError(what, fix or "run deploy again; it carries on where it stopped")
    if isinstance(error, exceptions.BotoCoreError):
        return DeployError(str(error), "run deploy again; it carries on where it stopped")
    return None
