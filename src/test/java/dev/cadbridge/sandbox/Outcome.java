package dev.cadbridge.sandbox;

import com.google.gson.JsonElement;

/** What a protocol decided: the answer, the parsed body if any, and the documentation breach if any. */
record Outcome(Reply reply, JsonElement json, String violation) {}
