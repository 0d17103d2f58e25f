"""Drives the gateway's KMS endpoint with boto3 and prints what it saw as JSON.

Usage: python3 kms_scenario.py <endpoint> <owner access key> <owner secret> <other access key> <other secret>
"""
import base64
import json
import sys

from aws_errors import error_of
from gateway_client import gateway_client

endpoint, owner_key, owner_secret, other_key, other_secret = sys.argv[1:6]


owner = gateway_client("kms", endpoint, owner_key, owner_secret)
other = gateway_client("kms", endpoint, other_key, other_secret)
out = {}


message = b"Rx 42: ibuprofen 400 mg"
policy = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": owner_key}, "Action": "kms:*", "Resource": "*"}],
})

signing = owner.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY", Policy=policy,
                           Tags=[{"TagKey": "app", "TagValue": "emr"}])["KeyMetadata"]
key_id = signing["KeyId"]
out["metadata"] = {k: signing.get(k) for k in ("KeySpec", "KeyUsage", "SigningAlgorithms")}
signed = owner.sign(KeyId=key_id, Message=message, SigningAlgorithm="ECDSA_SHA_256")
out["signature"] = base64.b64encode(signed["Signature"]).decode()
public = owner.get_public_key(KeyId=key_id)
out["publicKey"] = base64.b64encode(public["PublicKey"]).decode()
out["verified"] = owner.verify(KeyId=key_id, Message=message, Signature=signed["Signature"],
                               SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"]
out["badSignature"] = error_of(lambda: owner.verify(KeyId=key_id, Message=b"other", Signature=signed["Signature"],
                                                    SigningAlgorithm="ECDSA_SHA_256"))

out["deniedBeforeGrant"] = error_of(lambda: other.sign(KeyId=key_id, Message=message, SigningAlgorithm="ECDSA_SHA_256"))
grant = owner.create_grant(KeyId=key_id, GranteePrincipal=other_key, Operations=["Sign"], RetiringPrincipal=owner_key)
out["signedWithGrant"] = other.sign(KeyId=key_id, Message=message, SigningAlgorithm="ECDSA_SHA_256",
                                    GrantTokens=[grant["GrantToken"]])["SigningAlgorithm"]
out["retirable"] = [g["GrantId"] for g in owner.list_retirable_grants(RetiringPrincipal=owner_key)["Grants"]]
out["grantId"] = grant["GrantId"]
owner.revoke_grant(KeyId=key_id, GrantId=grant["GrantId"])
out["deniedAfterRevoke"] = error_of(lambda: other.sign(KeyId=key_id, Message=message, SigningAlgorithm="ECDSA_SHA_256"))

hmac = owner.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]["KeyId"]
mac = owner.generate_mac(KeyId=hmac, Message=message, MacAlgorithm="HMAC_SHA_256")["Mac"]
out["macValid"] = owner.verify_mac(KeyId=hmac, Message=message, Mac=mac, MacAlgorithm="HMAC_SHA_256")["MacValid"]
out["badMac"] = error_of(lambda: owner.verify_mac(KeyId=hmac, Message=message, Mac=b"x" * 32, MacAlgorithm="HMAC_SHA_256"))

out["random"] = len(owner.generate_random(NumberOfBytes=32)["Plaintext"])
out["tags"] = owner.list_resource_tags(KeyId=key_id)["Tags"]
out["policies"] = owner.list_key_policies(KeyId=key_id)["PolicyNames"]
out["aliasPrefix"] = error_of(lambda: owner.create_alias(AliasName="orders", TargetKeyId=key_id))
out["aliasReserved"] = error_of(lambda: owner.create_alias(AliasName="alias/aws/orders", TargetKeyId=key_id))
out["scheduled"] = owner.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)["KeyId"]
out["arn"] = signing["Arn"]
print(json.dumps(out))
