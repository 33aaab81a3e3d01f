-- Runs inside `nvim --headless -u NONE FILE`: starts the Treaty Lens language server as a
-- plain stdio LSP server (no VS Code involved), sends the requests listed in the JSON file
-- $TREATY_LENS_REQUESTS to the current buffer, writes every answer to $TREATY_LENS_RESULTS
-- and quits. Errors are written too, so that the Node side reports them instead of hanging.
local requests = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('TREATY_LENS_REQUESTS')), '\n'))
local out = os.getenv('TREATY_LENS_RESULTS')
local results = { responses = {}, errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, out)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local root = requests.root
  local client_id = vim.lsp.start_client({
    name = 'treaty-lens',
    cmd = requests.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'corpus' } },
  })
  if not client_id then error('vim.lsp.start_client returned nil') end
  local initialized = vim.wait(requests.timeout_ms, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20)
  if not initialized then error('the server did not finish initialize within ' .. requests.timeout_ms .. ' ms') end
  -- Attaching after initialize makes Neovim send didOpen at once, before the first request.
  vim.lsp.buf_attach_client(0, client_id)
  local uri = vim.uri_from_bufnr(0)
  for _, request in ipairs(requests.requests) do
    local params = vim.deepcopy(request.params)
    params.textDocument = { uri = uri }
    local answers, request_err = vim.lsp.buf_request_sync(0, request.method, params, requests.timeout_ms)
    if not answers then
      results.errors[request.name] = tostring(request_err)
    else
      local answer = answers[client_id]
      if answer == nil then
        results.errors[request.name] = 'no answer from the client'
      elseif answer.err then
        results.errors[request.name] = vim.inspect(answer.err)
      else
        -- vim.NIL keeps a null answer distinguishable from a missing one.
        results.responses[request.name] = answer.result == nil and vim.NIL or answer.result
      end
    end
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then results.errors.lua = tostring(err) end
finish()
