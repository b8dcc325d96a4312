namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// Activities as Microsoft Teams sends them (shapes from the Teams bot documentation and captured traffic: ids,
/// entities, channelData and the fields the bot ignores). <c>{serviceUrl}</c> is replaced by the fake connector's.
/// </summary>
public static class TeamsPayloads
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotId = "28:" + FakeBotLogin.AppId;

    /// <summary>A channel post that @mentions the bot; the conversation id names the thread (;messageid=).</summary>
    public const string ChannelMessage = """
        {
          "text": "<at>西城政策助手</at>&nbsp;餐饮油烟归哪个部门管\n",
          "textFormat": "plain",
          "attachments": [
            { "contentType": "text/html", "content": "<div><div><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">西城政策助手</span>&nbsp;餐饮油烟归哪个部门管</div></div>" }
          ],
          "type": "message",
          "timestamp": "2024-05-06T02:13:38.2467716Z",
          "localTimestamp": "2024-05-06T10:13:38.2467716+08:00",
          "id": "1714961618223",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": {
            "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw",
            "name": "王小明",
            "aadObjectId": "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10"
          },
          "conversation": {
            "isGroup": true,
            "conversationType": "channel",
            "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "id": "19:d5f3a1b2c3e44f8a9b0c1d2e3f4a5b6c@thread.tacv2;messageid=1714961618223"
          },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "entities": [
            { "mentioned": { "id": "28:test-app-id", "name": "西城政策助手" }, "text": "<at>西城政策助手</at>", "type": "mention" },
            { "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:d5f3a1b2c3e44f8a9b0c1d2e3f4a5b6c@thread.tacv2",
            "teamsTeamId": "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2",
            "channel": { "id": "19:d5f3a1b2c3e44f8a9b0c1d2e3f4a5b6c@thread.tacv2" },
            "team": { "id": "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2" },
            "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }
          },
          "locale": "zh-CN",
          "localTimezone": "Asia/Shanghai"
        }
        """;

    /// <summary>
    /// A group chat message: the bot's mention comes with its id in another case (compared case-insensitively),
    /// and a colleague is mentioned too (that mention stays in the question).
    /// </summary>
    public const string GroupChatMessage = """
        {
          "text": "<at>李华</at> <AT>西城政策助手</AT> 施工扬尘管控什么时候完成",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2024-05-06T03:00:01.101Z",
          "id": "1714964401101",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": { "id": "29:1q2w3e4r5t6y7u8i9o0p", "name": "张伟", "aadObjectId": "0b8b4a1e-6e2f-4c3d-9a8b-7c6d5e4f3a2b" },
          "conversation": {
            "isGroup": true,
            "conversationType": "groupChat",
            "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "id": "19:meeting_ZGQ1ZjNhMWItYjJjMy00ZTQ0@thread.v2"
          },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "entities": [
            { "mentioned": { "id": "29:9z8y7x6w5v", "name": "李华" }, "text": "<at>李华</at>", "type": "mention" },
            { "mentioned": { "id": "28:TEST-APP-ID", "name": "西城政策助手" }, "text": "<at>西城政策助手</at>", "type": "mention" }
          ],
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
          "locale": "zh-CN"
        }
        """;

    /// <summary>A one-to-one chat: no mention, and the tenant only in conversation.tenantId.</summary>
    public const string PersonalMessage = """
        {
          "text": "餐饮油烟归哪个部门管",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2024-05-06T04:10:00.000Z",
          "id": "1714968600000",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", "name": "王小明", "aadObjectId": "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10" },
          "conversation": {
            "conversationType": "personal",
            "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "id": "a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy"
          },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "entities": [ { "locale": "zh-CN", "country": "CN", "platform": "Web", "timezone": "Asia/Shanghai", "type": "clientInfo" } ],
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
          "locale": "zh-CN"
        }
        """;

    /// <summary>A colleague added to a group chat that has the bot: the bot greets.</summary>
    public const string MemberAdded = """
        {
          "membersAdded": [ { "id": "29:1q2w3e4r5t6y7u8i9o0p", "aadObjectId": "0b8b4a1e-6e2f-4c3d-9a8b-7c6d5e4f3a2b" } ],
          "type": "conversationUpdate",
          "timestamp": "2024-05-06T05:00:00.000Z",
          "id": "f:5f6a7b8c-1d2e-3f4a-5b6c-7d8e9f0a1b2c",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", "aadObjectId": "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10" },
          "conversation": { "isGroup": true, "conversationType": "groupChat", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "19:meeting_ZGQ1ZjNhMWItYjJjMy00ZTQ0@thread.v2" },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "eventType": "teamMemberAdded" }
        }
        """;

    /// <summary>The bot installed into a team: only the bot joins, so no greeting.</summary>
    public const string BotAdded = """
        {
          "membersAdded": [ { "id": "28:test-app-id" } ],
          "type": "conversationUpdate",
          "timestamp": "2024-05-06T05:01:00.000Z",
          "id": "f:0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", "aadObjectId": "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2" },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "channelData": {
            "team": { "aadGroupId": "9e8d7c6b-5a4f-3e2d-1c0b-a9f8e7d6c5b4", "name": "大气办", "id": "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2" },
            "eventType": "teamMemberAdded",
            "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }
          }
        }
        """;

    /// <summary>An Action.Submit press in a personal chat: the button's data as value, no text, replyToId = the card's activity.</summary>
    public static string CardSubmit(string dataJson) => """
        {
          "type": "message",
          "timestamp": "2024-05-06T04:11:00.000Z",
          "id": "1714968660000",
          "channelId": "msteams",
          "serviceUrl": "{serviceUrl}",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", "name": "王小明", "aadObjectId": "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy" },
          "recipient": { "id": "28:test-app-id", "name": "西城政策助手" },
          "replyToId": "1:1Xy2Zw3Vu4Ts5Rq",
          "value": {dataJson},
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:1Xy2Zw3Vu4Ts5Rq" } },
          "locale": "zh-CN"
        }
        """.Replace("{dataJson}", dataJson, StringComparison.Ordinal);
}
