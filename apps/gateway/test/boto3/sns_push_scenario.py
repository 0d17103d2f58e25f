"""Drives the gateway's SNS mobile-push actions with boto3 and prints what it saw as JSON.

Usage: python3 sns_push_scenario.py <endpoint> <access key> <secret>
"""
import json
import sys

from aws_errors import error_of
from gateway_client import gateway_client

endpoint, key, secret = sys.argv[1:4]
sns = gateway_client("sns", endpoint, key, secret)
out = {}

app = sns.create_platform_application(
    Name="ward-app",
    Platform="GCM",
    Attributes={"PlatformCredential": "fcm-key", "EventEndpointCreated": "arn:aws:sns:us-east-1:000000000000:events"},
)["PlatformApplicationArn"]
out["app"] = app
out["appAttributes"] = sns.get_platform_application_attributes(PlatformApplicationArn=app)["Attributes"]
sns.set_platform_application_attributes(
    PlatformApplicationArn=app, Attributes={"SuccessFeedbackSampleRate": "25"}
)
out["appAttributesAfter"] = sns.get_platform_application_attributes(PlatformApplicationArn=app)["Attributes"]
out["badPlatform"] = error_of(
    lambda: sns.create_platform_application(Name="x", Platform="PIGEON", Attributes={"PlatformCredential": "k"})
)
out["noCredential"] = error_of(
    lambda: sns.create_platform_application(Name="x", Platform="GCM", Attributes={})
)
out["missingApp"] = error_of(
    lambda: sns.get_platform_application_attributes(PlatformApplicationArn=app + "-gone")
)
pages = sns.get_paginator("list_platform_applications").paginate()
listed = [a["PlatformApplicationArn"] for page in pages for a in page["PlatformApplications"]]
out["listedApps"] = len(listed)
out["listedAppsDistinct"] = len(set(listed))
out["firstPageApps"] = len(sns.list_platform_applications()["PlatformApplications"])

device = sns.create_platform_endpoint(
    PlatformApplicationArn=app, Token="device-token-1", CustomUserData="nurse 7"
)["EndpointArn"]
out["endpoint"] = device
out["endpointAgain"] = sns.create_platform_endpoint(
    PlatformApplicationArn=app, Token="device-token-1", CustomUserData="nurse 7"
)["EndpointArn"]
out["endpointConflict"] = error_of(
    lambda: sns.create_platform_endpoint(
        PlatformApplicationArn=app, Token="device-token-1", CustomUserData="nurse 8"
    )
)
out["endpointAttributes"] = sns.get_endpoint_attributes(EndpointArn=device)["Attributes"]
missing_device = device.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
out["missingDevice"] = missing_device
out["missingEndpoint"] = error_of(lambda: sns.get_endpoint_attributes(EndpointArn=missing_device))
out["listedEndpoints"] = [
    e["EndpointArn"] for e in sns.list_endpoints_by_platform_application(PlatformApplicationArn=app)["Endpoints"]
]

out["directId"] = sns.publish(
    TargetArn=device,
    MessageStructure="json",
    Message=json.dumps({"default": "plain", "GCM": json.dumps({"notification": {"body": "bed 12"}})}),
)["MessageId"]

topic = sns.create_topic(Name="ward-pushes")["TopicArn"]
out["subscription"] = sns.subscribe(TopicArn=topic, Protocol="application", Endpoint=device)["SubscriptionArn"]
out["subscribeMissing"] = error_of(
    lambda: sns.subscribe(TopicArn=topic, Protocol="application", Endpoint=missing_device)
)
out["fanoutId"] = sns.publish(TopicArn=topic, Message="to all devices")["MessageId"]

sns.set_endpoint_attributes(EndpointArn=device, Attributes={"Enabled": "false"})
out["disabled"] = error_of(lambda: sns.publish(TargetArn=device, Message="ignored"))
out["fanoutWhileDisabled"] = sns.publish(TopicArn=topic, Message="skipped")["MessageId"] != ""
out["badEnabled"] = error_of(
    lambda: sns.set_endpoint_attributes(EndpointArn=device, Attributes={"Enabled": "maybe"})
)

sns.delete_endpoint(EndpointArn=device)
sns.delete_endpoint(EndpointArn=device)
sns.delete_platform_application(PlatformApplicationArn=app)
out["afterDelete"] = error_of(lambda: sns.get_endpoint_attributes(EndpointArn=device))
print(json.dumps(out))
