"""Drives the gateway's SNS SMS actions with boto3 and prints what it saw as JSON.

Usage: python3 sms_scenario.py <endpoint> <access key> <secret>
The test opted out +12025550100 (never opted in) and +12025550111 (opted in moments ago).
"""
import json
import sys

from aws_errors import error_of
from gateway_client import gateway_client

endpoint, key, secret = sys.argv[1:4]
sns = gateway_client("sns", endpoint, key, secret)
out = {}

sns.set_sms_attributes(attributes={"DefaultSMSType": "Transactional", "DefaultSenderID": "Clinic"})
out["all"] = sns.get_sms_attributes()["attributes"]
out["filtered"] = sns.get_sms_attributes(attributes=["DefaultSenderID"])["attributes"]
out["badType"] = error_of(lambda: sns.set_sms_attributes(attributes={"DefaultSMSType": "Urgent"}))
out["unknownName"] = error_of(lambda: sns.set_sms_attributes(attributes={"Colour": "blue"}))

out["badNumber"] = error_of(lambda: sns.publish(PhoneNumber="2025550100", Message="hi"))
out["badSmsType"] = error_of(
    lambda: sns.publish(
        PhoneNumber="+12025550199",
        Message="hi",
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Bulk"}},
    )
)
out["published"] = sns.publish(
    PhoneNumber="+12025550199",
    Message="ward 4: code blue",
    MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Promotional"}},
)["MessageId"]
out["publishedToOptedOut"] = sns.publish(PhoneNumber="+12025550100", Message="dropped")["MessageId"]

out["optedOut"] = sns.check_if_phone_number_is_opted_out(phoneNumber="+12025550100")["isOptedOut"]
out["listed"] = sns.list_phone_numbers_opted_out()["phoneNumbers"]
out["badCheck"] = error_of(lambda: sns.check_if_phone_number_is_opted_out(phoneNumber="555-0100"))
sns.opt_in_phone_number(phoneNumber="+12025550100")
out["afterOptIn"] = sns.check_if_phone_number_is_opted_out(phoneNumber="+12025550100")["isOptedOut"]
out["tooSoon"] = error_of(lambda: sns.opt_in_phone_number(phoneNumber="+12025550111"))
out["badToken"] = error_of(lambda: sns.list_phone_numbers_opted_out(nextToken="bogus"))

print(json.dumps(out))
